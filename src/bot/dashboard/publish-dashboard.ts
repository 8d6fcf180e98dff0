/**
 * What a sweep calls after its pipeline run: renders the dashboard from the run's posture and writes it
 * (write-dashboard.ts), when the repository's config turns the dashboard on (`dashboard.enabled`).
 */
import type { Config } from '../../config/schema.js';
import type { GitHub, RepoRef } from '../../github/types.js';
import type { Posture } from '../../report/compliance/posture.js';
import { renderDashboard } from '../../report/dashboard/index.js';
import type { RemediationInfo } from '../../report/remediation-info.js';
import { type DashboardWrite, writeDashboard } from './write-dashboard.js';

export interface PublishDashboardInput {
  config: Config;
  /** The App's bot login (`<slug>[bot]`). */
  botLogin: string;
  /** The sweep's posture (src/report/compliance postureOfRun, with the open pull requests' fingerprints). */
  posture: Posture;
  /** The remediations that ran (postureOfRun's remediationsRun). */
  remediations: readonly RemediationInfo[];
  /** kubemend's open pull requests after the sweep. Default: []. */
  openPullRequests?: ReadonlyArray<{ number: number; title: string }>;
  /** What went wrong in the sweep, one line each (escaped when rendered). Default: []. */
  errors?: readonly string[];
  /** The sweep's time, ISO 8601. Default: now. */
  now?: string;
  /** The issue number the previous sweep wrote. Default: looked up by marker. */
  knownNumber?: number;
  /** Dashboard action ids the sweep answered (SweepJob `dashboardActions`): unticked. Default: none. */
  handled?: readonly string[];
}

/** Writes the dashboard; undefined when the config does not enable it. */
export async function publishDashboard(
  gh: GitHub,
  repo: RepoRef,
  input: PublishDashboardInput,
): Promise<DashboardWrite | undefined> {
  if (!input.config.dashboard.enabled) return undefined;
  const now = input.now ?? new Date().toISOString();
  return writeDashboard(gh, repo, {
    title: input.config.dashboard.title,
    botLogin: input.botLogin,
    ...(input.knownNumber !== undefined ? { knownNumber: input.knownNumber } : {}),
    handled: new Set(input.handled ?? []),
    render: ({ previous, ticked }) =>
      renderDashboard({
        posture: input.posture,
        remediations: input.remediations,
        now,
        ticked,
        ...(previous ? { previous } : {}),
        ...(input.openPullRequests ? { openPullRequests: input.openPullRequests } : {}),
        ...(input.errors ? { errors: input.errors } : {}),
      }).body,
  });
}
