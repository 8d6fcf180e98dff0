/**
 * What a sweep over installations did, counted per repository and per pull request, and its one-screen
 * text: the figures a CronJob's log or a scheduled workflow's output shows.
 */
import type { SweepOutcome } from './sweep-repository.js';

export interface SweepSummary {
  installations: number;
  /** Repositories listed (after `--repo`). */
  seen: number;
  unchanged: number;
  swept: number;
  /** Archived, sweeps turned off in the config, or outside the config's window. */
  skipped: number;
  /** Dry run: would be swept. */
  wouldSweep: number;
  pullRequests: { opened: number; updated: number; closed: number };
  dashboards: number;
  /** One line per failure (`owner/repo: message`). */
  errors: string[];
}

export function emptySummary(): SweepSummary {
  return {
    installations: 0,
    seen: 0,
    unchanged: 0,
    swept: 0,
    skipped: 0,
    wouldSweep: 0,
    pullRequests: { opened: 0, updated: 0, closed: 0 },
    dashboards: 0,
    errors: [],
  };
}

export function addOutcome(summary: SweepSummary, outcome: SweepOutcome): void {
  const { status, dashboard } = outcome.sweep;
  if (status === 'unchanged') summary.unchanged++;
  else if (status === 'skipped') summary.skipped++;
  else if (status === 'would-sweep') summary.wouldSweep++;
  else summary.swept++;
  for (const pr of outcome.pullRequests) {
    if (pr.outcome === 'created') summary.pullRequests.opened++;
    else if (pr.outcome === 'regenerate' || pr.outcome === 'regenerated') summary.pullRequests.updated++;
    else if (pr.outcome === 'closed') summary.pullRequests.closed++;
  }
  if (dashboard === 'created' || dashboard === 'updated') summary.dashboards++;
}

/** The summary as lines of text (errors listed after the counts). */
export function formatSummary(summary: SweepSummary, dryRun = false): string {
  const { pullRequests: pr } = summary;
  const lines = [
    `kubemend sweep${dryRun ? ' (dry run: nothing written)' : ''}: ${summary.installations} installation(s)`,
    `  repositories seen: ${summary.seen}`,
    `  unchanged:         ${summary.unchanged}`,
    dryRun ? `  would be swept:    ${summary.wouldSweep}` : `  swept:             ${summary.swept}`,
    `  skipped:           ${summary.skipped}`,
    `  pull requests:     ${pr.opened} opened, ${pr.updated} updated, ${pr.closed} closed`,
    `  dashboards written: ${summary.dashboards}`,
    `  errors:            ${summary.errors.length}`,
    ...summary.errors.map((e) => `    - ${e}`),
  ];
  return `${lines.join('\n')}\n`;
}
