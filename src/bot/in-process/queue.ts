import { type Job, repoKey } from '../jobs.js';
import type { JobQueue, RunJob } from '../ports.js';
import { mergeJobs } from './merge-jobs.js';

export interface InProcessQueueOptions {
  /** Runs one job. Errors are passed to `onError`; the queue carries on. */
  run: RunJob;
  onError: (err: unknown, job: Job) => void;
  /** Jobs running at once across repositories. Default: 4. */
  concurrency?: number;
  /** Fold a job into one still waiting for the same repository (merge-jobs.ts). Default: false. */
  coalesce?: boolean;
}

/**
 * A queue in this process: at most `concurrency` jobs run at once and never two for the same repository
 * (two jobs on one repository would race on its branches). Work is lost if the process dies; the
 * distributed implementation is for deployments where that matters.
 */
export function createInProcessQueue(options: InProcessQueueOptions): JobQueue {
  const concurrency = options.concurrency ?? 4;
  const waiting: Job[] = [];
  const busyRepos = new Set<string>();
  let running = 0;
  let idleWaiters: Array<() => void> = [];

  function pump(): void {
    while (running < concurrency) {
      const index = waiting.findIndex((job) => !busyRepos.has(repoKey(job)));
      if (index < 0) break;
      const [job] = waiting.splice(index, 1) as [Job];
      start(job);
    }
    if (running === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function start(job: Job): void {
    const key = repoKey(job);
    running++;
    busyRepos.add(key);
    void options
      .run(job)
      .catch((err: unknown) => options.onError(err, job))
      .finally(() => {
        running--;
        busyRepos.delete(key);
        pump();
      });
  }

  return {
    async enqueue(job) {
      const index = options.coalesce ? waiting.findIndex((w) => repoKey(w) === repoKey(job)) : -1;
      const merged = index >= 0 ? mergeJobs(waiting[index] as Job, job) : undefined;
      if (merged) waiting[index] = merged;
      else waiting.push(job);
      pump();
    },
    onIdle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
