/**
 * Kustomize patch files: a strategic-merge patch is a partial object (a Deployment with only the fields it
 * changes) that an overlay's kustomization merges over its base. Filled with defaults, it would override
 * the base in the rendered output (a base's 1.5Gi memory limit replaced by a default), so the workloads of
 * every file a kustomization lists as a patch are marked partial.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patches/
 */
import { posix } from 'node:path';
import type { Workload } from '../model.js';
import { isKustomizationPath } from './kustomize-inputs.js';
import { isObject } from './workloads.js';

/**
 * The part of a manifest index this reads and marks. Declared here, not imported from index-manifests,
 * because the index calls this while it is built (issue 11: no import cycles, type-only included).
 */
export interface PatchScope {
  files: ReadonlyMap<string, { path: string; docs: ReadonlyArray<{ value: unknown }> }>;
  workloads: Workload[];
}

/** Repo-relative paths of the patch files one kustomization lists (path patches, not inline ones). */
function patchPaths(kustomization: unknown, dir: string): string[] {
  if (!isObject(kustomization)) return [];
  const paths: unknown[] = [];
  for (const key of ['patches', 'patchesJson6902']) {
    const list = kustomization[key];
    if (Array.isArray(list)) for (const p of list) paths.push(isObject(p) ? p.path : undefined);
  }
  // patchesStrategicMerge entries are file paths, or inline YAML (a string with a newline).
  const psm = kustomization.patchesStrategicMerge;
  if (Array.isArray(psm)) paths.push(...psm.filter((p) => typeof p === 'string' && !p.includes('\n')));
  return paths
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .map((p) => posix.normalize(posix.join(dir, p)));
}

/** Marks `partial` on every workload of a file that a kustomization of the index lists as a patch. */
export function markKustomizePatches(index: PatchScope): void {
  const listedBy = new Map<string, string>();
  for (const file of index.files.values()) {
    if (!isKustomizationPath(file.path)) continue;
    const dir = posix.dirname(file.path);
    for (const path of patchPaths(file.docs[0]?.value, dir === '.' ? '' : dir))
      if (!listedBy.has(path)) listedBy.set(path, file.path);
  }
  if (!listedBy.size) return;
  for (const w of index.workloads) {
    const by = listedBy.get(w.file);
    if (by)
      w.partial = `a Kustomize patch listed in ${by}: merged over its base, so fields it does not set come from the base`;
  }
}
