/**
 * Remembers recent webhook delivery ids (`X-GitHub-Delivery`, Probot's `context.id`) so a redelivered
 * event is not processed twice. Bounded: the oldest id is forgotten once `max` are held (insertion-ordered
 * Map as an LRU; a hit refreshes the id).
 */
export interface DeliveryDedupe {
  /** True when `id` was seen before; records it otherwise. */
  seen(id: string): boolean;
  /** True when `id` is held; changes nothing. */
  has(id: string): boolean;
  readonly size: number;
}

/** Creates a dedupe set. `max` Default: 10,000 ids. */
export function createDeliveryDedupe(max = 10_000): DeliveryDedupe {
  const ids = new Map<string, true>();
  return {
    seen(id) {
      const hit = ids.delete(id);
      ids.set(id, true);
      if (ids.size > max) ids.delete(ids.keys().next().value as string);
      return hit;
    },
    has(id) {
      return ids.has(id);
    },
    get size() {
      return ids.size;
    },
  };
}
