/**
 * Splits one pipeline run into pull requests by the configured grouping. A file changed by several
 * remediations must carry only the group's own change: `remediation` grouping takes the run's partitions
 * (the pipeline option `partition`: each file patched per remediation from the same index and detection, no
 * second run); `file`, `workload` and `all` reuse the run's output.
 */
import type { Config } from '../../config/schema.js';
import type { FileResult, RunResult } from '../../model.js';

export interface FixGroup {
  /** Grouping key: a remediation id, `file:PATH`, `workload:KIND/NAMESPACE/NAME`, or `all`. */
  key: string;
  /** The group's own run over its changed files. */
  result: RunResult;
}

function restrict(files: FileResult[]): RunResult {
  const fixes = files.reduce((n, f) => n + f.fixes.length, 0);
  const skipped = files.reduce((n, f) => n + f.skipped.length, 0);
  return {
    files,
    unmapped: [],
    diagnostics: [],
    summary: { files: files.length, filesChanged: files.length, fixes, skipped, errors: 0, unmapped: 0 },
  };
}

function workloadKey(file: FileResult): string {
  const ids = [
    ...new Set(file.fixes.map((f) => `${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`)),
  ].sort();
  // A file whose fixes touch several workloads stays one group: its edits cannot be split across branches
  // without conflicting on the same bytes.
  return ids.length === 1 ? `workload:${file.path}:${ids[0]}` : `file:${file.path}`;
}

/** The groups of a run, in a stable order (sorted by key). Files that did not change belong to no group. */
export function groupResults(run: RunResult, grouping: Config['pullRequests']['grouping']): FixGroup[] {
  const changed = run.files.filter((f) => f.changed && f.fixes.length > 0);
  if (changed.length === 0) return [];
  // A change that carries no fix of its own (a kustomization listing a new overlay patch) must land with the
  // fixes that need it, and a re-run over the changed files alone could not render the layout again: such a
  // run, nor one with fixes found on a Kustomize rendering, is one pull request, whatever the grouping.
  const companions = run.files.filter((f) => f.changed && f.fixes.length === 0);
  const rendered = changed.some((f) => f.fixes.some((x) => x.kustomizeRoots));
  if (companions.length > 0 || rendered) return [{ key: 'all', result: restrict([...changed, ...companions]) }];
  if (grouping === 'all') return [{ key: 'all', result: restrict(changed) }];
  if (grouping === 'file') return changed.map((f) => ({ key: `file:${f.path}`, result: restrict([f]) })).sort(byKey);
  if (grouping === 'workload') return changed.map((f) => ({ key: workloadKey(f), result: restrict([f]) })).sort(byKey);
  if (!run.partitions)
    throw new Error('kubemend: remediation grouping needs a run with partitions (pipeline option `partition`)');
  return run.partitions.map((p) => ({ key: p.key, result: restrict(p.files) }));
}

function byKey(a: FixGroup, b: FixGroup): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
