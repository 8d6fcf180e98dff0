/**
 * Per-repository mutual exclusion inside one process: work for a key waits for the work before it. The
 * in-process queue already never runs two jobs for one repository; the lock guards work that does not come
 * through the queue (the CLI's sweep, command replies) and is the port the Redis lock implements.
 */
import type { RepoLock } from '../ports.js';

export function createInProcessLock(): RepoLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    withLock(key, work) {
      const before = tails.get(key) ?? Promise.resolve();
      const result = before.then(work);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // Forget the key once nothing waits on it, so the map holds only busy repositories.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
