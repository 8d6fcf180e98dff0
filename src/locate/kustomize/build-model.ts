/**
 * The Kustomize model of a repository: every kustomization by directory, and the roots (kustomizations
 * no other one uses as a resource, base or component), which are what gets built and deployed.
 */
import { posix } from 'node:path';
import { parseKustomization } from './parse-kustomization.js';
import type { KustomizeModel, Kustomization, RepoFiles } from './types.js';

/** The file names kustomize looks for in a directory (konfig.RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function fileMap(files: RepoFiles): Map<string, string> {
  return files instanceof Map ? files : new Map(files.map((f) => [f.path, f.text]));
}

function dirOf(path: string): string {
  const d = posix.dirname(path);
  return d === '.' ? '' : d;
}

/** Parses every kustomization of `files` and finds the roots. */
export function buildKustomizeModel(files: RepoFiles): KustomizeModel {
  const map = fileMap(files);
  const byDir = new Map<string, string[]>();
  for (const path of map.keys()) {
    const base = posix.basename(path);
    if ((KUSTOMIZATION_FILES as readonly string[]).includes(base))
      byDir.set(dirOf(path), [...(byDir.get(dirOf(path)) ?? []), path]);
  }
  const kustomizations = new Map<string, Kustomization>();
  for (const [dir, paths] of [...byDir].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...paths].sort();
    const k = parseKustomization(sorted[0] ?? '', map.get(sorted[0] ?? '') ?? '', map);
    kustomizations.set(
      dir,
      sorted.length > 1
        ? { ...k, unmodelled: `several kustomization files in one directory (${sorted.join(', ')})` }
        : k,
    );
  }
  const used = new Set<string>();
  for (const k of kustomizations.values())
    for (const r of [...k.resources, ...k.components]) if (kustomizations.has(r)) used.add(r);
  const roots = [...kustomizations.keys()].filter((d) => !used.has(d) && kustomizations.get(d)?.kind !== 'Component');
  return { kustomizations, roots };
}
