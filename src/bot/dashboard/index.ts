/** The posture dashboard issue's lifecycle: written by sweeps (write-dashboard.ts), ticked boxes turned into jobs (dashboard-jobs.ts). */
export {
  type DashboardEdit,
  type DashboardJobDeps,
  type IssuesEditedPayload,
  dashboardEditOf,
  dashboardJobs,
  dashboardTicks,
} from './dashboard-jobs.js';
export {
  type DashboardNow,
  type DashboardWrite,
  type WriteDashboardOptions,
  writeDashboard,
} from './write-dashboard.js';
export { type PublishDashboardInput, publishDashboard } from './publish-dashboard.js';
