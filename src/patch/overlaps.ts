/**
 * Changes whose op paths overlap cannot be applied in one call: two RFC 6902 `add`s of the same new parent
 * are each valid alone, but applied together the second replaces the first and the first fix is lost
 * without any verification failing. Such changes are split off, to be re-planned on the new text.
 */
import type { Change } from './types.js';

/** `doc:path` keys: two keys touch when equal or when one is the other plus `/…`. */
function keysOf(change: Change): string[] {
  return change.ops.map((op) => `${change.doc}:${op.path}`);
}

/** Every key that `key` lies inside: its prefixes ending just before a `/`. */
function ancestorsOf(key: string): string[] {
  const out: string[] = [];
  for (let i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) out.push(key.slice(0, i));
  return out;
}

/**
 * Splits `items`, in order, into a batch whose changes touch disjoint paths (per document: no op path equal
 * to, inside or above another's) and the deferred rest. Linear in the number of ops (times path depth):
 * a taken path is found by set lookups of the new path and its ancestors, not by comparing every pair.
 */
export function partitionOverlaps<T>(items: T[], changeOf: (item: T) => Change): { batch: T[]; deferred: T[] } {
  const batch: T[] = [];
  const deferred: T[] = [];
  const taken = new Set<string>();
  // Every ancestor of a taken path: a new path found here lies above a taken one.
  const above = new Set<string>();
  for (const item of items) {
    const keys = keysOf(changeOf(item));
    const clash = keys.some((k) => taken.has(k) || above.has(k) || ancestorsOf(k).some((a) => taken.has(a)));
    if (clash) {
      deferred.push(item);
      continue;
    }
    batch.push(item);
    for (const k of keys) {
      taken.add(k);
      for (const a of ancestorsOf(k)) above.add(a);
    }
  }
  return { batch, deferred };
}
