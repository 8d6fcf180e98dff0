/** The posture dashboard issue's body: rendering, its checkboxes, its hidden state. */
export { type DashboardAction, actionId, newlyTicked, renderCheckbox, tickedActions } from './actions.js';
export {
  DASHBOARD_MARKER,
  type DashboardState,
  HISTORY_LENGTH,
  type ScorePoint,
  isDashboardBody,
  nextHistory,
  parseDashboardState,
  renderDashboardState,
} from './dashboard-state.js';
export { type Priority, SEVERITY_WEIGHT, prioritise } from './prioritise.js';
export { type DashboardInput, MAX_BODY, type RenderedDashboard, renderDashboard } from './render-dashboard.js';
export { renderTrendChart } from './trend-chart.js';
