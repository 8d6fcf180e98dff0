/**
 * kustomize's field specs: which paths of which kinds a transformer writes, and whether it creates them.
 * A path's segments are map keys; a list met on the way (marked `[]` or not) is entered item by item.
 * https://github.com/kubernetes-sigs/kustomize/tree/master/api/internal/konfig/builtinpluginconsts
 */
import { splitApiVersion } from './resource.js';
import { emptyMap, fromPlain, type TMap, type TNode, type Writer } from './tracked.js';
import type { ResourceIdentity } from './types.js';

export interface FieldSpec {
  path: string;
  create: boolean;
  group?: string;
  version?: string;
  kind?: string;
}

export function specApplies(spec: FieldSpec, id: ResourceIdentity): boolean {
  const { group, version } = splitApiVersion(id.apiVersion);
  return (
    (spec.kind === undefined || spec.kind === id.kind) &&
    (spec.group === undefined || spec.group === group) &&
    (spec.version === undefined || spec.version === version)
  );
}

/** Calls `fn(parent, key)` for each field `spec.path` names in `root` (created, as maps, where `create` allows). */
export function visitSpec(root: TMap, spec: FieldSpec, w: Writer, fn: (parent: TMap, key: string) => void): void {
  walk(root, spec.path.split('/'), spec.create, w, fn);
}

function walk(
  node: TNode,
  segments: string[],
  create: boolean,
  w: Writer,
  fn: (parent: TMap, key: string) => void,
): void {
  if (node.t === 'seq') {
    for (const item of node.items) walk(item, segments, create, w, fn);
    return;
  }
  if (node.t !== 'map') return;
  const [first = '', ...rest] = segments;
  const key = first.replace(/\[\]$/, '');
  if (rest.length === 0) {
    if (create || node.entries.has(key)) fn(node, key);
    return;
  }
  let child = node.entries.get(key);
  if (!child || (child.t === 'scalar' && child.value === null)) {
    if (!create || first.endsWith('[]')) return;
    child = emptyMap(w, '');
    node.entries.set(key, child);
  }
  walk(child, rest, create, w, fn);
}

/** Sets string entries into the map at `parent[key]` (creating it), each sourced at `pointer/<key>`. */
export function setEntries(parent: TMap, key: string, pairs: Record<string, string>, w: Writer, pointer: string): void {
  let map = parent.entries.get(key);
  if (map?.t !== 'map') {
    map = emptyMap(w, pointer);
    parent.entries.set(key, map);
  }
  for (const [k, v] of Object.entries(pairs))
    map.entries.set(k, fromPlain(v, w, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}
