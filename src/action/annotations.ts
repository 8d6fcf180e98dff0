/**
 * Annotations for a run on the checkout: each fix at the line of its workload or container (a notice: what
 * kubemend would change, or changed), each file it could not patch (an error) and each it did not scan (a
 * warning), so a reviewer sees them on the files in the run's summary and in pull request diffs.
 */
import type { RunResult } from '../model.js';
import type { NotScanned } from '../report/not-scanned.js';
import { containerLabel, resourceLabel, type RemediationLookup } from '../report/remediation-info.js';
import { lineFinder } from '../report/source-lines.js';
import { annotation } from './workflow-commands.js';

export interface AnnotateOptions {
  lookup: RemediationLookup;
  /** `would fix` (plan, sarif) or `fixed` (fix). */
  verb: 'would fix' | 'fixed';
  notScanned: readonly NotScanned[];
}

/** The annotation lines, in file order. */
export function annotateRun(result: RunResult, opts: AnnotateOptions): string {
  const lines: string[] = [];
  for (const file of result.files) {
    if (file.error)
      lines.push(
        annotation('error', `not patched: ${file.error.message}`, {
          file: file.path,
          ...(file.error.line ? { line: file.error.line } : {}),
          title: 'kubemend',
        }),
      );
    if (file.fixes.length === 0) continue;
    const lineOf = lineFinder(file.path, file.before);
    for (const fix of file.fixes) {
      const title = opts.lookup(fix.remediation)?.title ?? fix.remediation;
      const container = containerLabel(fix.container);
      const what = `${resourceLabel(fix.resource)}${container ? `, ${container}` : ''}`;
      lines.push(
        annotation('notice', `kubemend ${opts.verb}: ${title} (${what})`, {
          file: file.path,
          line: lineOf(fix),
          title: `kubemend: ${fix.remediation}`,
        }),
      );
    }
  }
  for (const n of opts.notScanned)
    lines.push(annotation('warning', `not scanned (${n.code}): ${n.reason}`, { file: n.path, title: 'kubemend' }));
  return lines.join('');
}
