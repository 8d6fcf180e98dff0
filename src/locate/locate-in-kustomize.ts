/**
 * Findings on rendered resources (a cluster scan, a scan of `kustomize build` output: identity, no file)
 * mapped through the Kustomize model: the roots that render the resource (chosen by the live object's
 * GitOps marks when it has them, else every root), and the resource document it comes from. Only a true
 * ambiguity is refused (the same identity rendered from different documents), naming the candidates; a
 * root outside the model is reported with the feature that puts it there.
 */
import { posix } from 'node:path';
import type { Finding } from '../model.js';
import type { ManifestIndex } from './index-manifests.js';
import type { KustomizeModel, RenderedResource, RenderResult } from './kustomize/types.js';
import { describeResource } from './locate-in-file.js';
import { type KustomizeLocated, type Step, fail } from './step.js';
import { traceLive } from './trace-live.js';
import { findWorkloads } from './workloads.js';

/** The model with each root rendered at most once. */
export type { KustomizeLocated };

export interface KustomizeView {
  model: KustomizeModel;
  render(dir: string): RenderResult;
}

function matchesIdentity(f: Finding, r: RenderedResource): boolean {
  return (
    r.id.kind === f.resource?.kind &&
    r.id.name === f.resource?.name &&
    (f.resource?.namespace === undefined || r.id.namespace === undefined || r.id.namespace === f.resource.namespace)
  );
}

/** The roots to look in: those the live marks name (when they are kustomizations), else every root. */
function candidateRoots(
  view: KustomizeView,
  f: Finding,
  index: ManifestIndex,
): { dirs: string[]; originPath?: string; why: string } {
  const trace = traceLive(f, index);
  const traced = trace?.dirs.filter((d) => view.model.kustomizations.has(d)) ?? [];
  if (trace && traced.length)
    return { dirs: traced, ...(trace.originPath ? { originPath: trace.originPath } : {}), why: trace.why };
  const all = {
    dirs: view.model.roots,
    why: `rendered identity across the ${view.model.roots.length} Kustomize roots`,
  };
  return trace?.originPath ? { ...all, originPath: trace.originPath, why: `${trace.why}; ${all.why}` } : all;
}

/**
 * The rendered resource the finding names, or undefined when no modelled root renders it (the caller then
 * maps by identity through plain manifests).
 */
export function locateInKustomize(
  view: KustomizeView,
  index: ManifestIndex,
  f: Finding,
): Step<KustomizeLocated> | undefined {
  if (!f.resource?.kind || !f.resource.name || view.model.roots.length === 0) return undefined;
  const { dirs, originPath, why } = candidateRoots(view, f, index);
  const found: Array<{ root: string; r: RenderedResource }> = [];
  const unmodelled: string[] = [];
  for (const root of dirs) {
    const result = view.render(root);
    if (!result.ok) {
      unmodelled.push(`${root || '.'}: ${result.reason}`);
      continue;
    }
    const origin = originPath ? posix.normalize(posix.join(root, originPath)) : undefined;
    for (const r of result.resources)
      if (matchesIdentity(f, r) && (!origin || r.origin.file === origin)) found.push({ root, r });
  }
  if (!found.length) {
    return unmodelled.length
      ? fail(
          'kustomize-unmodelled',
          `${describeResource(f)} may be rendered by a Kustomize root kubemend does not model (${unmodelled.join('; ')}); nothing is guessed`,
        )
      : undefined;
  }
  const origins = [...new Set(found.map(({ r }) => `${r.origin.file}#${r.origin.doc}`))];
  if (origins.length > 1) {
    const list = found.map(({ root, r }) => `${root || '.'} (from ${r.origin.file})`).join(', ');
    return fail(
      'multiple-definitions',
      `${describeResource(f)} is rendered from ${origins.length} different documents by ${list} (${why}); kubemend does not guess which one`,
    );
  }
  const first = found[0] as { root: string; r: RenderedResource };
  const workload = findWorkloads(first.r.object, first.r.origin.file, first.r.origin.doc)[0];
  if (!workload) return fail('not-a-workload', `${describeResource(f)} has no pod template`);
  return {
    ok: true,
    value: { roots: [...new Set(found.map((x) => x.root))].sort(), rendered: first.r, workload, why },
  };
}
