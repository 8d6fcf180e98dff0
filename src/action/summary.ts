/**
 * The job summary (`GITHUB_STEP_SUMMARY`): what the step did, in a few lines a reviewer reads on the run's
 * page. Names from the repository are escaped (report/escape-markdown.ts); the diff sits in a fenced block
 * it cannot close, cut to a size the summary page shows whole (GitHub allows 1 MiB per step).
 */
import type { RunResult } from '../model.js';
import { codeFence, escapeName } from '../report/escape-markdown.js';
import type { Mode } from './inputs.js';

/** Characters of diff shown; the rest is left to the log, where the whole diff is. */
export const SUMMARY_DIFF_LIMIT = 60_000;

const HEADLINE: Record<Exclude<Mode, 'pull-request'>, string> = { plan: 'would fix', fix: 'fixed', sarif: 'can fix' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** plan, fix and sarif: the counts, a table of files, and (plan, fix) the diff. */
export function localSummary(
  mode: Exclude<Mode, 'pull-request'>,
  result: RunResult,
  diff: string,
  sarifFile?: string,
): string {
  const s = result.summary;
  const lines = [
    `### kubemend ${mode}`,
    '',
    `kubemend ${HEADLINE[mode]} ${plural(s.fixes, 'finding')} in ${plural(s.filesChanged, 'file')}.`,
  ];
  const notes = [
    s.errors ? `${plural(s.errors, 'file')} could not be patched` : '',
    s.unmapped ? `${plural(s.unmapped, 'finding')} not mapped to a manifest` : '',
  ].filter(Boolean);
  if (notes.length) lines.push('', `${notes.join('; ')} (see the annotations).`);
  const changed = result.files.filter((f) => f.fixes.length > 0);
  if (changed.length)
    lines.push(
      '',
      '| File | Fixes |',
      '| --- | --- |',
      ...changed.map((f) => `| ${escapeName(f.path, { table: true })} | ${f.fixes.length} |`),
    );
  if (sarifFile) lines.push('', `SARIF written to ${escapeName(sarifFile)}.`);
  if (mode !== 'sarif' && diff !== '') {
    const shown =
      diff.length > SUMMARY_DIFF_LIMIT
        ? `${diff.slice(0, SUMMARY_DIFF_LIMIT)}\n… (cut; the whole diff is in the step's log)\n`
        : diff;
    const fence = codeFence(shown);
    lines.push(
      '',
      '<details><summary>Diff</summary>',
      '',
      `${fence}diff`,
      shown.replace(/\n$/, ''),
      fence,
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface PullRequestLine {
  branch: string;
  outcome: string;
  number?: number;
  url?: string;
}

/** pull-request: one line per pull request kubemend converged. */
export function pullRequestSummary(prs: readonly PullRequestLine[], fixes: number): string {
  const lines = ['### kubemend pull-request', ''];
  if (prs.length === 0) lines.push('Nothing to propose: no pull request opened or changed.');
  else
    lines.push(`${plural(fixes, 'fix')} proposed.`, '', '| Pull request | Branch | Outcome |', '| --- | --- | --- |');
  for (const pr of prs)
    lines.push(
      `| ${pr.number !== undefined && pr.url ? `[#${pr.number}](${pr.url})` : '—'} | ${escapeName(pr.branch, { table: true })} | ${pr.outcome} |`,
    );
  return `${lines.join('\n')}\n`;
}
