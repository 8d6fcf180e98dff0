/**
 * One run, split by remediation without running the pipeline again: each changed file is patched once more
 * per remediation with only that remediation's violations, from the same index and the same detection. A
 * pull request per remediation then carries exactly the run's fixes for it (a file changed by several
 * remediations carries only its own change on each branch).
 */
import type { IndexedFile } from '../locate/index-manifests.js';
import type { FileResult, Violation } from '../model.js';
import type { NotFailing } from './collect-violations.js';
import { type PatchFileOptions, patchFile } from './patch-file.js';

export interface Partition {
  /** The remediation id. */
  key: string;
  /** The files this remediation changes, patched with its violations alone. */
  files: FileResult[];
}

/** The run's changed files split by remediation, in id order; only remediations that landed a fix appear. */
export function partitionByRemediation(
  files: Iterable<IndexedFile>,
  results: FileResult[],
  violations: Map<string, Violation[]>,
  notFailing: Map<string, NotFailing[]>,
  opts: PatchFileOptions,
): Partition[] {
  const byPath = new Map([...files].map((f) => [f.path, f]));
  const parts = new Map<string, FileResult[]>();
  for (const result of results) {
    const file = byPath.get(result.path);
    if (!file || !result.changed || result.fixes.length === 0) continue;
    const ids = [...new Set(result.fixes.map((f) => f.remediation))].sort();
    const vs = violations.get(result.path) ?? [];
    const nf = notFailing.get(result.path) ?? [];
    for (const id of ids) {
      // With one remediation the file's edits are already that remediation's alone.
      const own =
        ids.length === 1
          ? { ...result, skipped: result.skipped.filter((s) => s.remediation === id) }
          : patchFile(
              file,
              vs.filter((v) => v.remediation === id),
              nf.filter((n) => n.remediation === id),
              opts,
            );
      if (!own.changed || own.fixes.length === 0) continue;
      parts.set(id, [...(parts.get(id) ?? []), own]);
    }
  }
  return [...parts.keys()].sort().map((key) => ({ key, files: parts.get(key) as FileResult[] }));
}
