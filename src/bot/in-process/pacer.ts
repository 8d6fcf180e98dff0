/**
 * Serialises the App's write sequences across all jobs and leaves a pause after each one: GitHub's
 * secondary rate limits forbid concurrent content-creating requests and allow about 80 a minute
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 */
import type { Pacer } from '../ports.js';

/** `delayMs` after each sequence. Default: 1000 ms (one pull request, ~5 writes, per second at most). */
export function createWritePacer(delayMs = 1000): Pacer {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(writes) {
      const result = tail.then(writes);
      tail = result
        .catch(() => undefined)
        .then(() => (delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : undefined));
      return result;
    },
  };
}
