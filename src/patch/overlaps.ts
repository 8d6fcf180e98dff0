/**
 * Changes whose op paths overlap cannot be applied in one call: two RFC 6902 `add`s of the same new parent
 * are each valid alone, but applied together the second replaces the first and the first fix is lost
 * without any verification failing. Such changes are split off, to be re-planned on the new text.
 */
import type { Change } from './types.js';

function touches(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/**
 * Splits `items`, in order, into a batch whose changes touch disjoint paths (per document: no op path equal
 * to, inside or above another's) and the deferred rest.
 */
export function partitionOverlaps<T>(items: T[], changeOf: (item: T) => Change): { batch: T[]; deferred: T[] } {
  const batch: T[] = [];
  const deferred: T[] = [];
  const taken: string[] = [];
  for (const item of items) {
    const change = changeOf(item);
    const paths = change.ops.map((op) => `${change.doc}:${op.path}`);
    if (paths.some((p) => taken.some((t) => touches(p, t)))) deferred.push(item);
    else {
      batch.push(item);
      taken.push(...paths);
    }
  }
  return { batch, deferred };
}
