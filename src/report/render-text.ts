/**
 * The human summary printed by `scan`, `fix` and `plan`: one line per fix, skip and error, grouped by
 * file, then a totals line. Plain text for terminals and CI logs; no colour codes, so logs stay greppable.
 */
import type { RunResult, SkippedFix } from '../model.js';
import type { NotScanned } from './not-scanned.js';
import { containerLabel, resourceLabel } from './remediation-info.js';
import { describeUnmapped } from './unmapped.js';

/** What the fixes in the result mean to the reader. */
export type TextMode = 'scan' | 'fix' | 'dry-run';

const FIX_WORD: Record<TextMode, string> = { scan: 'fail', fix: 'fixed', 'dry-run': 'would fix' };

/** Renders a run for a terminal; `notScanned` files get a line each and a count in the totals. */
export function renderText(result: RunResult, mode: TextMode, notScanned: readonly NotScanned[] = []): string {
  const lines: string[] = [];
  for (const file of result.files) {
    if (!file.fixes.length && !file.skipped.length && !file.error) continue;
    lines.push(file.path);
    if (file.error)
      lines.push(
        `  error      ${file.error.code}${file.error.line ? ` (line ${file.error.line})` : ''}: ${file.error.message}`,
      );
    for (const f of file.fixes)
      lines.push(
        `  ${FIX_WORD[mode].padEnd(10)} ${where(f)}  ${f.remediation}${f.reason === 'insecure-value' ? ' (was an insecure value)' : ''}`,
      );
    for (const f of file.fixes)
      for (const e of f.evidence) lines.push(`  ${'check'.padEnd(10)} ${where(f)}  ${f.remediation}: ${e}`);
    for (const s of file.skipped) lines.push(...skippedLines(s));
  }
  for (const n of notScanned) lines.push(n.path, `  ${'not scanned'.padEnd(10)} [${n.code}]: ${n.reason}`);
  for (const u of result.unmapped) lines.push(`unmapped   ${describeUnmapped(u)}`);
  lines.push(totals(result, mode, notScanned.length));
  return `${lines.join('\n')}\n`;
}

/** A skipped item: its code and reason, the line and comment of a kept value, and the opt-in entry. */
function skippedLines(s: SkippedFix): string[] {
  const at = s.line !== undefined ? ` (line ${s.line}${s.comment ? `: # ${s.comment}` : ''})` : '';
  const source = s.source ? ` (source: ${s.source})` : '';
  const lines = [`  ${'skipped'.padEnd(10)} ${where(s)}  ${s.remediation} [${s.code}]: ${s.reason}${at}${source}`];
  if (s.optIn) lines.push(`  ${''.padEnd(10)} to apply it anyway, add to the config: ${s.optIn}`);
  return lines;
}

function where(item: {
  resource: { kind: string; name: string; namespace?: string };
  container: Parameters<typeof containerLabel>[0];
}): string {
  const ns = item.resource.namespace ? ` -n ${item.resource.namespace}` : '';
  const container = containerLabel(item.container);
  return `${resourceLabel(item.resource)}${ns}${container ? ` ${container}` : ''}`;
}

function totals(result: RunResult, mode: TextMode, notScanned: number): string {
  const s = result.summary;
  const verb = mode === 'scan' ? 'fixable failures' : mode === 'fix' ? 'fixes applied' : 'fixes planned';
  return `${s.fixes} ${verb} in ${s.filesChanged} of ${s.files} files, ${s.skipped} skipped, ${s.errors} file errors, ${s.unmapped} unmapped findings, ${notScanned} files not scanned`;
}
