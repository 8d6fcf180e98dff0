/**
 * Which repository path built a live object, from the marks GitOps tools leave on it:
 * - Argo CD: the `argocd.argoproj.io/tracking-id` annotation (`<app>:<group>/<kind>:<namespace>/<name>`)
 *   or the `app.kubernetes.io/instance` label names the Application; the Application manifest in the repo
 *   names the path it is built from (`spec.source.path`, `spec.sources[].path`).
 *   https://argo-cd.readthedocs.io/en/stable/user-guide/resource_tracking/
 * - Flux: the `kustomize.toolkit.fluxcd.io/name` and `/namespace` labels name the Flux Kustomization,
 *   whose `spec.path` is the directory. https://fluxcd.io/flux/components/kustomize/kustomizations/
 * - kustomize: the `config.kubernetes.io/origin` annotation (buildMetadata: [originAnnotations]) gives the
 *   resource file's path relative to the root that built it.
 *   https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/buildmetadata/
 */
import { posix } from 'node:path';
import type { Finding } from '../model.js';
import type { ManifestIndex } from './index-manifests.js';
import { isObject } from './workloads.js';

/** Directories the live object was built from, and how that is known. */
export interface LiveTrace {
  dirs: string[];
  /** The origin annotation's path (relative to the root), when present. */
  originPath?: string;
  why: string;
}

function normaliseDir(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.trim()) return undefined;
  const dir = posix.normalize(path.trim().replace(/^\.\//, '')).replace(/\/+$/, '');
  return dir === '.' ? '' : dir;
}

function objects(index: ManifestIndex): Array<Record<string, unknown>> {
  return [...index.files.values()].flatMap((f) => f.docs.map((d) => d.value).filter(isObject));
}

function named(o: Record<string, unknown>): { name?: unknown; namespace?: unknown } {
  return isObject(o.metadata) ? o.metadata : {};
}

/** Paths of the Argo CD Application `app` (plain name, or `<namespace>_<name>` for apps in any namespace). */
function argoPaths(index: ManifestIndex, app: string): string[] {
  const name = app.includes('_') ? app.slice(app.indexOf('_') + 1) : app;
  return objects(index)
    .filter(
      (o) =>
        o.kind === 'Application' &&
        typeof o.apiVersion === 'string' &&
        o.apiVersion.startsWith('argoproj.io/') &&
        named(o).name === name,
    )
    .flatMap((o) => {
      const spec = isObject(o.spec) ? o.spec : {};
      const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isObject);
      return sources.map((s) => normaliseDir(s.path)).filter((d): d is string => d !== undefined);
    });
}

/** The path of the Flux Kustomization `name` (in `namespace` when given). */
function fluxPaths(index: ManifestIndex, name: string, namespace: string | undefined): string[] {
  return objects(index)
    .filter(
      (o) =>
        o.kind === 'Kustomization' &&
        typeof o.apiVersion === 'string' &&
        o.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/'),
    )
    .filter(
      (o) =>
        named(o).name === name &&
        (namespace === undefined || named(o).namespace === undefined || named(o).namespace === namespace),
    )
    .map((o) => normaliseDir(isObject(o.spec) ? o.spec.path : undefined))
    .filter((d): d is string => d !== undefined);
}

/** What the live metadata says about where the object comes from, or undefined when it says nothing usable. */
export function traceLive(f: Finding, index: ManifestIndex): LiveTrace | undefined {
  if (!f.live) return undefined;
  const { labels, annotations } = f.live;
  const originPath = /^path:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(annotations['config.kubernetes.io/origin'] ?? '')?.[1];
  const origin = originPath ? { originPath } : {};
  const tracking = annotations['argocd.argoproj.io/tracking-id'];
  const app = tracking ? tracking.split(':')[0] : labels['app.kubernetes.io/instance'];
  if (app) {
    const dirs = argoPaths(index, app);
    const how = tracking ? `argocd.argoproj.io/tracking-id "${tracking}"` : `label app.kubernetes.io/instance "${app}"`;
    if (dirs.length) return { dirs, ...origin, why: `${how}: Argo CD Application ${app} builds ${dirs.join(', ')}` };
  }
  const flux = labels['kustomize.toolkit.fluxcd.io/name'];
  if (flux) {
    const ns = labels['kustomize.toolkit.fluxcd.io/namespace'];
    const dirs = fluxPaths(index, flux, ns);
    if (dirs.length)
      return {
        dirs,
        ...origin,
        why: `label kustomize.toolkit.fluxcd.io/name "${flux}": Flux Kustomization ${ns ? `${ns}/` : ''}${flux} builds ${dirs.join(', ')}`,
      };
  }
  return originPath
    ? { dirs: [], originPath, why: `annotation config.kubernetes.io/origin path "${originPath}"` }
    : undefined;
}
