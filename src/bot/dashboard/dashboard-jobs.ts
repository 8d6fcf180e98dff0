/**
 * Ticked dashboard boxes, arriving as `issues.edited`, turned into jobs. Only the App's own dashboard
 * counts (opened by its bot, holding the marker), only boxes ticked by this edit (`changes.body.from`
 * against the new body), and only when the person who ticked may write, by the same rules as commands:
 * the caller passes that rule as `mayWrite` (src/bot/commands/permission.ts `decidePermission(…, 'write',
 * …)`). The App's own edits (un-ticking, rewriting) never start anything.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#issues
 */
import type { SweepJob } from '../jobs.js';
import { type DashboardAction, actionId, isDashboardBody, newlyTicked } from '../../report/dashboard/index.js';

/** What the handler needs from an `issues.edited` delivery. */
export interface DashboardEdit {
  installationId: number;
  owner: string;
  repo: string;
  deliveryId: string;
  issue: { number: number; body: string | null; user: { login: string; type: string } | null };
  /** `changes.body.from`: the body before the edit; absent when the edit did not touch the body. */
  previousBody?: string;
  sender: { login: string; type: string };
}

/** The fields of an `issues.edited` payload the dashboard reads (GitHub's shape). */
export interface IssuesEditedPayload {
  installation?: { id: number };
  repository: { name: string; owner: { login: string } };
  issue: { number: number; body?: string | null; user: { login: string; type: string } | null };
  changes?: { body?: { from: string } };
  sender: { login: string; type: string };
}

/** The edit an `issues.edited` delivery describes; undefined without an installation (not an App delivery). */
export function dashboardEditOf(payload: IssuesEditedPayload, deliveryId: string): DashboardEdit | undefined {
  if (!payload.installation) return undefined;
  return {
    installationId: payload.installation.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    deliveryId,
    issue: { number: payload.issue.number, body: payload.issue.body ?? null, user: payload.issue.user },
    ...(payload.changes?.body ? { previousBody: payload.changes.body.from } : {}),
    sender: { login: payload.sender.login, type: payload.sender.type },
  };
}

export interface DashboardJobDeps {
  /** The App's bot login (`<slug>[bot]`). */
  botLogin: string;
  /** Whether `sender` may run commands that write (the commands' permission rule). */
  mayWrite: (sender: { login: string; type: string }) => Promise<boolean>;
}

/** The actions ticked by an edit of a dashboard body (none when it is not a dashboard, or nothing was ticked). */
export function dashboardTicks(previousBody: string | undefined, body: string | null): DashboardAction[] {
  if (previousBody === undefined || body === null || !isDashboardBody(body)) return [];
  return newlyTicked(previousBody, body);
}

/**
 * The job for an edit: one sweep of the repository answering every box ticked (a "sweep now" and any
 * "open a PR for this"), or none. One job, because jobs for one repository run one at a time anyway and a
 * sweep is what opens pull requests.
 */
export async function dashboardJobs(edit: DashboardEdit, deps: DashboardJobDeps): Promise<SweepJob[]> {
  if (edit.issue.user?.login.toLowerCase() !== deps.botLogin.toLowerCase()) return [];
  if (edit.sender.login.toLowerCase() === deps.botLogin.toLowerCase()) return [];
  const ticks = dashboardTicks(edit.previousBody, edit.issue.body);
  if (!ticks.length || !(await deps.mayWrite(edit.sender))) return [];
  const requested = ticks.flatMap((a) => (a.kind === 'pull-request' ? [a.remediation] : []));
  return [
    {
      kind: 'sweep',
      trigger: 'dashboard',
      installationId: edit.installationId,
      owner: edit.owner,
      repo: edit.repo,
      deliveryId: edit.deliveryId,
      ...(requested.length ? { requested } : {}),
      dashboardActions: ticks.map(actionId),
    },
  ];
}
