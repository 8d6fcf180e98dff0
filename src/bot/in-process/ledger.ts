/**
 * What the App knows about each webhook delivery id (`X-GitHub-Delivery`, Probot's `context.id`): in flight
 * (its handler or one of its jobs still running), done (everything succeeded), or unknown. GitHub's
 * "Redeliver" sends the same id again. It is dropped while the first delivery is in flight or after it
 * succeeded, and runs again when the first one failed: a failed delivery is forgotten, so redelivering it
 * is the way to retry (docs/app.md). Done ids are bounded (delivery-dedupe.ts); in-flight ids are bounded by
 * the queue.
 */
import type { DeliveryLedger } from '../ports.js';
import { createDeliveryDedupe } from './dedupe.js';

export type { DeliveryLedger };

/** `maxDone` Default: 10,000 delivery ids remembered as done. */
export function createDeliveryLedger(maxDone?: number): DeliveryLedger {
  const done = createDeliveryDedupe(maxDone);
  const inFlight = new Map<string, { pending: number; failed: boolean }>();
  const isDone = (id: string) => done.has(id);
  return {
    async begin(id) {
      if (inFlight.has(id) || isDone(id)) return false;
      inFlight.set(id, { pending: 1, failed: false });
      return true;
    },
    async add(id) {
      const entry = inFlight.get(id);
      if (entry) entry.pending++;
    },
    async settle(id, ok) {
      const entry = inFlight.get(id);
      if (!entry) return;
      entry.failed ||= !ok;
      if (--entry.pending > 0) return;
      inFlight.delete(id);
      if (!entry.failed) done.seen(id);
    },
    async state(id) {
      return inFlight.has(id) ? 'in-flight' : isDone(id) ? 'done' : undefined;
    },
  };
}
