/**
 * The dashboard after a full sweep, written through the dashboard's own function (src/bot/dashboard
 * publishDashboard): the posture of the sweep's pipeline run (src/report/compliance postureOfRun), the
 * App's open pull requests after the sweep (one request) with the fixes each holds, and the boxes the
 * sweep answered unticked.
 */
import type { Config } from '../../config/schema.js';
import { type GitHub, type RepoRef, listOpenPullRequests } from '../../github/index.js';
import { includeFilter } from '../../pipeline/run-pipeline.js';
import { postureOfRun, remediationsRun } from '../../report/compliance/index.js';
import { type DashboardWrite, publishDashboard } from '../dashboard/index.js';
import { knownPullRequests } from '../pull-requests/known-pull-requests.js';
import type { RunSnapshot } from '../sync-repository.js';

export interface SweepDashboardInput {
  config: Config;
  snapshot: RunSnapshot;
  botLogin: string;
  /** The issue the previous sweep wrote. Default: found by its marker. */
  knownNumber?: number;
  /** Dashboard action ids the sweep answered. Default: none. */
  handled?: readonly string[];
}

/** Undefined when the config leaves the dashboard off or the engine does not say its catalog. */
export async function writeSweepDashboard(
  gh: GitHub,
  repo: RepoRef,
  input: SweepDashboardInput,
): Promise<DashboardWrite | undefined> {
  const { config, snapshot } = input;
  const catalog = snapshot.engine.catalog;
  if (!config.dashboard.enabled || !catalog) return undefined;
  const open = knownPullRequests(await listOpenPullRequests(gh, repo, config.pullRequests.branchPrefix));
  const openFixes = new Map(open.flatMap((o) => (o.meta.fingerprints ?? []).map((f) => [f, o.pr.number] as const)));
  const posture = postureOfRun({
    files: snapshot.files,
    result: snapshot.run,
    catalog,
    config,
    isIncluded: includeFilter(config),
    openFixes,
  });
  return publishDashboard(gh, repo, {
    config,
    botLogin: input.botLogin,
    posture,
    remediations: remediationsRun(catalog, config),
    openPullRequests: open.map((o) => ({ number: o.pr.number, title: o.pr.title })),
    ...(input.knownNumber !== undefined ? { knownNumber: input.knownNumber } : {}),
    ...(input.handled ? { handled: input.handled } : {}),
  });
}
