/** The kustomizations a root includes, and the first reason one of them cannot be modelled. */
import type { KustomizeModel } from './types.js';

/** Directories of every kustomization reachable from `dir` (itself included), depth first. */
export function closureOf(model: KustomizeModel, dir: string, seen = new Set<string>()): string[] {
  const k = model.kustomizations.get(dir);
  if (!k || seen.has(dir)) return [];
  seen.add(dir);
  return [dir, ...[...k.resources, ...k.components].flatMap((r) => closureOf(model, r, seen))];
}

/** `<file>: <reason>` for the first unmodelled kustomization under `dir`, or undefined. */
export function unmodelledIn(model: KustomizeModel, dir: string): string | undefined {
  for (const d of closureOf(model, dir)) {
    const k = model.kustomizations.get(d);
    if (k?.unmodelled) return `${k.file}: ${k.unmodelled}`;
  }
  return undefined;
}
