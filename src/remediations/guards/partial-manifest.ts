/**
 * Partial manifests: a document merged over a base elsewhere (a Kustomize patch that a kustomization lists,
 * marked by src/locate/kustomize-patches.ts; or a workload none of whose containers names an image, the
 * shape of a strategic-merge patch). Every field it lacks comes from the base, so filling it with values
 * would override the base in the rendered output.
 */
import { isObject } from '../../locate/workloads.js';
import type { Workload } from '../../model.js';

/** Why the workload is partial, or undefined for a whole workload. */
export function partialManifest(w: Workload): string | undefined {
  if (w.partial) return w.partial;
  const containers = Array.isArray(w.podSpec.containers) ? w.podSpec.containers : [];
  if (containers.some((c) => isObject(c) && typeof c.image === 'string' && c.image.length > 0)) return undefined;
  return 'no container names an image: a partial manifest (a patch merged over a base elsewhere)';
}
