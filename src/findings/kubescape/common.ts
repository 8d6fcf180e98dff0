/**
 * What Kubescape's v1 and v2 reports share: identities (resourceIDs, embedded objects), source paths with
 * a document index, and field paths that name the container only by index.
 */
import type { ContainerType, Finding, ResourceId } from '../../model.js';
import { containerFromPath, containerNameAt, enrichFromMessage } from '../context.js';

export const TOOL = 'kubescape';

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** v2 reports have `results[]` of `{resourceID, controls}`; v1 is a list of `{controlReports}` framework reports. */
/**
 * A Kubescape resourceID as identity. File scans prefix `path=<hash>/api=`; the core group is empty
 * (`/v1/default/Pod/x`); a missing namespace is an empty segment (`apps/v1//Deployment/x`).
 */
export function parseResourceId(resourceID: string): Partial<ResourceId> {
  const body = resourceID.replace(/^path=[^/]*\/api=/, '');
  const parts = body.split('/');
  if (parts.length < 4) return {};
  const name = parts[parts.length - 1] ?? '';
  const kind = parts[parts.length - 2] ?? '';
  const namespace = parts[parts.length - 3] ?? '';
  const apiVersion = parts
    .slice(0, parts.length - 3)
    .filter((p) => p !== '')
    .join('/');
  const id: Partial<ResourceId> = { kind, name };
  if (apiVersion) id.apiVersion = apiVersion;
  if (namespace) id.namespace = namespace;
  return id;
}

export function identityOfObject(obj: unknown): Partial<ResourceId> | undefined {
  if (!isObj(obj) || typeof obj.kind !== 'string') return undefined;
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  if (typeof meta.name !== 'string') return undefined;
  const id: Partial<ResourceId> = { kind: obj.kind, name: meta.name };
  if (typeof obj.apiVersion === 'string') id.apiVersion = obj.apiVersion;
  if (typeof meta.namespace === 'string' && meta.namespace !== '') id.namespace = meta.namespace;
  return id;
}

/** `nginx.yaml:1` → path + document index; a path without a numeric suffix has no index. */
export function splitSourcePath(sourcePath: string): { path: string; doc?: number } {
  const m = /^(.*):(\d+)$/.exec(sourcePath);
  return m ? { path: m[1] ?? sourcePath, doc: Number(m[2]) } : { path: sourcePath };
}

/** Groups field paths by the container they address; paths outside any container fall in the pod group ''. */
function groupByContainer(
  paths: string[],
): Map<string, { container?: { type: ContainerType; index: number }; paths: string[] }> {
  const groups = new Map<string, { container?: { type: ContainerType; index: number }; paths: string[] }>();
  for (const p of paths) {
    const c = containerFromPath(p);
    const key = c ? `${c.type}/${c.index}` : '';
    const g = groups.get(key) ?? (c ? { container: c, paths: [] } : { paths: [] });
    g.paths.push(p);
    groups.set(key, g);
  }
  if (groups.size > 1) groups.delete('');
  return groups;
}

/** One finding per container the paths name (or one pod-level finding); names read from the embedded object. */
/** The labels and annotations of an object a cluster scan embeds (strings only), or undefined. */
export function liveMetadata(object: unknown): Finding['live'] {
  const meta = (object as { metadata?: { labels?: unknown; annotations?: unknown } } | undefined)?.metadata;
  const strings = (m: unknown): Record<string, string> =>
    m && typeof m === 'object'
      ? Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
  const labels = strings(meta?.labels);
  const annotations = strings(meta?.annotations);
  return Object.keys(labels).length || Object.keys(annotations).length ? { labels, annotations } : undefined;
}

export function findingsFor(
  base: Omit<Finding, 'container' | 'suggestedFix'>,
  paths: string[],
  object?: unknown,
): Finding[] {
  // A cluster scan's object (no file) is the live one: its metadata traces it back to the repository.
  const live = base.location ? undefined : liveMetadata(object);
  if (live) base = { ...base, live };
  if (paths.length === 0) return [enrichFromMessage({ ...base })];
  const groups = [...groupByContainer(paths).values()];
  return groups.map((g) => {
    const f: Finding = { ...base, suggestedFix: g.paths };
    const name = g.container && object !== undefined ? containerNameAt(object, g.paths[0] ?? '') : undefined;
    if (g.container) f.container = name ? { ...g.container, name } : { ...g.container };
    return enrichFromMessage(f, { container: groups.length === 1 });
  });
}
