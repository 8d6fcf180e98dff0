/**
 * A drift sweep of one repository (a `SweepJob`): look (check-unchanged.ts), then, when something changed
 * or a person asked, the repository sync every job runs (src/bot/sync-repository.ts: pull requests opened,
 * updated or closed under the lifecycle rules and `prLimit`), then the dashboard from the same pipeline
 * run, then remember what was seen. Scheduled and CLI sweeps skip a repository whose config turns sweeps
 * off or whose window is closed; a dispatch, a command or a ticked box is a person asking, and runs now.
 */
import { type GitHub, type RepoRef, getDefaultBranch } from '../../github/index.js';
import type { SweepJob } from '../jobs.js';
import { repoKey } from '../jobs.js';
import { type JobOutcome, type RunSnapshot, type SyncDeps, syncRepository } from '../sync-repository.js';
import { type ChangeReason, type RepositoryLook, checkUnchanged } from './check-unchanged.js';
import { inWindow } from './in-window.js';
import type { RepoSweepRecord, SweepState } from './sweep-state.js';
import { writeSweepDashboard } from './write-sweep-dashboard.js';

export interface SweepDeps extends SyncDeps {
  state: SweepState;
  /** The catalog version (catalog-version.ts) state is compared with. */
  catalogVersion: string;
  /** Default: the clock. */
  now?: () => Date;
}

/** What the sweep did with the repository, besides the sync's own outcome. */
export interface SweepReport {
  status: 'swept' | 'unchanged' | 'skipped' | 'would-sweep';
  /** Why it was swept (or would be), or skipped. */
  reason?: ChangeReason | 'requested' | 'sweeps-disabled' | 'outside-window';
  dashboard?: 'created' | 'updated' | 'unchanged';
}

export type SweepOutcome = JobOutcome & { sweep: SweepReport };

/** Triggers that are a person (or their automation) asking for this repository now. */
const ON_DEMAND = new Set<SweepJob['trigger']>(['dispatch', 'dashboard', 'command']);

export async function sweepRepository(gh: GitHub, job: SweepJob, deps: SweepDeps): Promise<SweepOutcome> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const branch = job.baseBranch || (await getDefaultBranch(gh, repo));
  const record = await deps.state.get(repoKey(job));
  const look = await checkUnchanged(gh, repo, {
    branch,
    ...(record ? { record } : {}),
    catalogVersion: deps.catalogVersion,
  });
  const onDemand = ON_DEMAND.has(job.trigger);
  const skipped = onDemand ? undefined : skipReason(look, (deps.now ?? (() => new Date()))());
  if (skipped) return { outcome: 'done', pullRequests: [], sweep: { status: 'skipped', reason: skipped } };
  if (!onDemand && look.change === undefined)
    return { outcome: 'done', pullRequests: [], sweep: { status: 'unchanged' } };
  const reason = onDemand ? 'requested' : look.change;
  if (job.dryRun)
    return { outcome: 'done', pullRequests: [], sweep: { status: 'would-sweep', ...(reason ? { reason } : {}) } };
  let snapshot: RunSnapshot | undefined;
  const outcome = await syncRepository(gh, { ...job, baseBranch: branch }, { ...deps, onRun: (s) => (snapshot = s) });
  const written = snapshot
    ? await writeSweepDashboard(gh, repo, dashboardInput(job, snapshot, await deps.botLogin(), record))
    : undefined;
  if (look.head && look.config.ok)
    await deps.state.set(
      repoKey(job),
      recordOf(look, look.config.hash, outcome, deps, written?.number ?? record?.dashboardNumber),
    );
  return {
    ...outcome,
    sweep: { status: 'swept', ...(reason ? { reason } : {}), ...(written ? { dashboard: written.outcome } : {}) },
  };
}

/** A scheduled sweep leaves the repository alone when its (valid) config says so. */
function skipReason(look: RepositoryLook, now: Date): SweepReport['reason'] | undefined {
  if (!look.config.ok) return undefined;
  if (!look.config.config.sweep.enabled) return 'sweeps-disabled';
  return inWindow(look.config.config.sweep.window, now) ? undefined : 'outside-window';
}

function dashboardInput(job: SweepJob, snapshot: RunSnapshot, botLogin: string, record: RepoSweepRecord | undefined) {
  return {
    config: snapshot.config,
    snapshot,
    botLogin,
    ...(record?.dashboardNumber !== undefined ? { knownNumber: record.dashboardNumber } : {}),
    ...(job.dashboardActions ? { handled: job.dashboardActions } : {}),
  };
}

function recordOf(
  look: RepositoryLook,
  configHash: string,
  outcome: JobOutcome,
  deps: SweepDeps,
  dashboardNumber: number | undefined,
): RepoSweepRecord {
  return {
    headSha: look.head?.sha ?? '',
    ...(look.head?.etag ? { headEtag: look.head.etag } : {}),
    configHash,
    catalogVersion: deps.catalogVersion,
    result: outcome.outcome,
    sweptAt: (deps.now ?? (() => new Date()))().toISOString(),
    ...(dashboardNumber !== undefined ? { dashboardNumber } : {}),
  };
}
