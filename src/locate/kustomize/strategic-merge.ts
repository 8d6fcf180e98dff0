/**
 * Strategic merge of a patch document into a resource, over tracked trees, as kustomize does it
 * (kyaml merge2 with ListIncreaseDirection prepend, see api/filters/patchstrategicmerge):
 * maps merge key by key; `null` in the patch deletes; `$patch: delete` removes a map, a list item or the
 * whole resource; `$patch: replace` replaces a map (or, as a list item, the list); lists merge by merge key
 * only where the schema says so (merge-keys.ts), patch items first, then the base's other items;
 * any other list or scalar is replaced.
 * https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 */
import { listStrategy } from './merge-keys.js';
import { mapGet, scalarString, type TMap, type TNode, type TSeq } from './tracked.js';

/** Keys of a patch map that are directives, not fields. */
function isDirective(key: string): boolean {
  return (
    key === '$patch' ||
    key === '$retainKeys' ||
    key.startsWith('$setElementOrder/') ||
    key.startsWith('$deleteFromPrimitiveList/')
  );
}

function withoutDirectives(patch: TMap): TMap {
  return { ...patch, entries: new Map([...patch.entries].filter(([k]) => !isDirective(k))) };
}

function isNull(node: TNode): boolean {
  return node.t === 'scalar' && node.value === null;
}

/** Merges `patch` into `dest` (modified in place where it is a map); undefined when the result is deleted. */
export function mergeNode(
  dest: TNode | undefined,
  patch: TNode | undefined,
  path: string[],
  typeKey: string,
): TNode | undefined {
  if (!patch) return dest;
  if (isNull(patch)) return undefined;
  if (patch.t === 'map') return mergeMap(dest, patch, path, typeKey);
  if (patch.t === 'seq') return mergeSeq(dest, patch, path, typeKey);
  return patch;
}

function mergeMap(dest: TNode | undefined, patch: TMap, path: string[], typeKey: string): TNode | undefined {
  const directive = scalarString(patch.entries.get('$patch'));
  if (directive === 'delete') return undefined;
  const clean = withoutDirectives(patch);
  const target: TMap = directive === 'replace' || dest?.t !== 'map' ? { ...clean, entries: new Map() } : dest;
  for (const [key, value] of clean.entries) {
    const merged = mergeNode(target.entries.get(key), value, [...path, key], typeKey);
    if (merged === undefined) target.entries.delete(key);
    else target.entries.set(key, merged);
  }
  return target;
}

function mergeSeq(dest: TNode | undefined, patch: TSeq, path: string[], typeKey: string): TNode | undefined {
  const strategy = listStrategy(typeKey, path);
  if (strategy.by === 'replace') return patch;
  const base = dest?.t === 'seq' ? dest : undefined;
  if (strategy.by === 'value') return mergeByValue(base, patch);
  const replace = patch.items.some((i) => i.t === 'map' && scalarString(i.entries.get('$patch')) === 'replace');
  const patchItems = patch.items.filter((i) => !(i.t === 'map' && scalarString(i.entries.get('$patch')) === 'replace'));
  const items = mergeByKeys(replace ? [] : (base?.items ?? []), patchItems, strategy.keys, [...path, '*'], typeKey);
  return { ...(base ?? patch), items };
}

function mergeByValue(base: TSeq | undefined, patch: TSeq): TSeq {
  const seen = new Set<unknown>();
  const items: TNode[] = [];
  for (const item of [...patch.items, ...(base?.items ?? [])]) {
    const key = item.t === 'scalar' ? item.value : item;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return { ...(base ?? patch), items };
}

/** The values of an item's merge keys ('' where unset). */
function keyValues(item: TNode, keys: string[]): string[] {
  return keys.map((k) => scalarString(mapGet(item, k)) ?? '');
}

/** Two items are the same when every key agrees or is unset on one side, and one key is set on both (kyaml mergeValues). */
function sameItem(a: string[], b: string[]): boolean {
  let common = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i] && a[i] !== '') common = true;
    else if (a[i] !== '' && b[i] !== '') return false;
  }
  return common;
}

function mergeByKeys(
  baseItems: TNode[],
  patchItems: TNode[],
  keys: string[],
  path: string[],
  typeKey: string,
): TNode[] {
  const result: TNode[] = [];
  const usedBase = new Set<number>();
  for (const p of patchItems) {
    const pk = keyValues(p, keys);
    const bi = pk.some((v) => v !== '')
      ? baseItems.findIndex((b, i) => !usedBase.has(i) && sameItem(keyValues(b, keys), pk))
      : -1;
    if (bi >= 0) usedBase.add(bi);
    const merged = mergeNode(bi >= 0 ? baseItems[bi] : undefined, p, path, typeKey);
    if (merged && !(merged.t === 'map' && merged.entries.size === 0)) result.push(merged);
  }
  baseItems.forEach((b, i) => {
    if (!usedBase.has(i)) result.push(b);
  });
  return result;
}
