/**
 * The dashboard issue's lifecycle in one repository: created once, then edited in place, never duplicated.
 * It is found by its hidden marker among the App's own open issues (or by the number the sweep remembered,
 * checked), and re-read right before the write: the new body keeps every box ticked in the issue as it is
 * now, except those this run acted on. GitHub has no conditional update for issues, so a tick in the
 * milliseconds between that read and the write can be lost from the body; its `issues.edited` event still
 * arrives and is acted on (dashboard-jobs.ts), so the request itself is not lost.
 */
import { createIssue } from '../../github/create-issue.js';
import { findIssueByMarker } from '../../github/find-issue-by-marker.js';
import { getIssue } from '../../github/get-issue.js';
import { isStatus } from '../../github/is-status.js';
import type { IssueInfo } from '../../github/to-issue-info.js';
import type { GitHub, RepoRef } from '../../github/types.js';
import { updateIssue } from '../../github/update-issue.js';
import {
  DASHBOARD_MARKER,
  type DashboardState,
  parseDashboardState,
  tickedActions,
} from '../../report/dashboard/index.js';

export interface DashboardNow {
  /** The state the issue holds (score history); undefined for a new dashboard. */
  previous?: DashboardState;
  /** Action ids whose boxes stay ticked. */
  ticked: Set<string>;
}

export interface WriteDashboardOptions {
  /** The issue's title (config `dashboard.title`). */
  title: string;
  /** The App's bot login (`<slug>[bot]`): only an issue it opened is its dashboard. */
  botLogin: string;
  /** The issue number a previous sweep wrote; checked before it is used. Default: look it up by marker. */
  knownNumber?: number;
  /** The body for what the issue holds now (src/report/dashboard renderDashboard). */
  render: (now: DashboardNow) => string;
  /** Action ids this run carried out: their boxes are unticked. Default: none. */
  handled?: ReadonlySet<string>;
}

export interface DashboardWrite {
  number: number;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Creates or edits the repository's dashboard issue; at most 3 requests (find, re-read, write). */
export async function writeDashboard(gh: GitHub, repo: RepoRef, opts: WriteDashboardOptions): Promise<DashboardWrite> {
  const found = await locate(gh, repo, opts);
  if (!found) {
    const created = await createIssue(gh, repo, { title: opts.title, body: opts.render({ ticked: new Set() }) });
    return { number: created.number, outcome: 'created' };
  }
  // Re-read right before writing: boxes ticked since the sweep began (or since the search) are kept.
  const fresh = found.fresh ? found.issue : await getIssue(gh, repo, found.issue.number);
  if (!isOurs(fresh, opts.botLogin)) {
    const created = await createIssue(gh, repo, { title: opts.title, body: opts.render({ ticked: new Set() }) });
    return { number: created.number, outcome: 'created' };
  }
  const ticked = tickedActions(fresh.body);
  for (const id of opts.handled ?? []) ticked.delete(id);
  const previous = parseDashboardState(fresh.body);
  const body = opts.render({ ...(previous ? { previous } : {}), ticked });
  if (body === fresh.body && fresh.title === opts.title) return { number: fresh.number, outcome: 'unchanged' };
  await updateIssue(gh, repo, fresh.number, { title: opts.title, body });
  return { number: fresh.number, outcome: 'updated' };
}

/** The dashboard: the remembered issue when it still is one (that read is fresh), else a search by marker. */
async function locate(
  gh: GitHub,
  repo: RepoRef,
  opts: WriteDashboardOptions,
): Promise<{ issue: IssueInfo; fresh: boolean } | undefined> {
  if (opts.knownNumber !== undefined) {
    const known = await getIssue(gh, repo, opts.knownNumber).catch((err: unknown) => {
      // A deleted or transferred issue answers 404/410: search instead. Anything else is the job's failure.
      if (isStatus(err, 404, 410)) return undefined;
      throw err;
    });
    if (known && isOurs(known, opts.botLogin)) return { issue: known, fresh: true };
  }
  const issue = await findIssueByMarker(gh, repo, DASHBOARD_MARKER, opts.botLogin);
  return issue ? { issue, fresh: false } : undefined;
}

/** An open issue the App opened holding the marker. */
function isOurs(issue: IssueInfo, botLogin: string): boolean {
  return (
    issue.state === 'open' &&
    issue.author.toLowerCase() === botLogin.toLowerCase() &&
    issue.body.includes(DASHBOARD_MARKER)
  );
}
