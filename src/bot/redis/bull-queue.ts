/**
 * The job queue (ports.ts) on BullMQ, so queued work outlives the process that accepted it and any number
 * of worker processes share it (https://docs.bullmq.io). Each BullMQ job is one repository's work:
 * - coalescing (default): the kubemend job goes to the repository's inbox (repo-inbox.ts) and one BullMQ
 *   job per repository is waiting at most, by BullMQ deduplication with `keepLastIfActive`
 *   (https://docs.bullmq.io/guide/jobs/deduplication): a burst of deliveries becomes one run, and a
 *   delivery arriving while its repository runs gets the run after it;
 * - otherwise each kubemend job is its own BullMQ job, carrying the job as its data.
 * Retries back off exponentially; completed and failed jobs are kept, bounded, with the failure's reason.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type Job, repoKey } from '../jobs.js';
import type { JobQueue } from '../ports.js';
import type { RepoInbox } from './repo-inbox.js';
import { sleep } from './sleep.js';

/** A BullMQ job's data: the repository, and its kubemend jobs unless they wait in the inbox. */
export interface RepoWork {
  repoKey: string;
  jobs?: Job[];
}

export interface BullQueueOptions {
  redis: Redis;
  /** BullMQ's key prefix. Default: `kubemend`. */
  prefix?: string;
  /** Queue name. Default: `jobs`. */
  name?: string;
  /** Fold jobs for one repository through its inbox (needs `inbox`). Default: true when `inbox` is given. */
  inbox?: RepoInbox;
  /** Runs of one BullMQ job before it is kept as failed. Default: 5. */
  attempts?: number;
  /** First retry delay, doubled at each further attempt. Default: 30,000 ms. */
  backoffMs?: number;
  /** Failed jobs kept, newest first, with their reason and data. Default: 5,000. */
  keepFailed?: number;
  /** Completed jobs kept. Default: 1,000. */
  keepCompleted?: number;
  /** How often `onIdle` asks Redis. Default: 100 ms. */
  idlePollMs?: number;
}

/** BullMQ's job options for kubemend's jobs (also the worker's, for jobs it adds back). */
export function repoWorkJobOptions(
  options: Pick<BullQueueOptions, 'attempts' | 'backoffMs' | 'keepFailed' | 'keepCompleted'>,
) {
  return {
    attempts: options.attempts ?? 5,
    backoff: { type: 'exponential', delay: options.backoffMs ?? 30_000 },
    removeOnComplete: { count: options.keepCompleted ?? 1000 },
    removeOnFail: { count: options.keepFailed ?? 5000 },
  };
}

export interface BullJobQueue extends JobQueue {
  /** The BullMQ queue (dashboards, tests, the benchmark). */
  readonly queue: Queue<RepoWork>;
  close(): Promise<void>;
}

export function createBullQueue(options: BullQueueOptions): BullJobQueue {
  const queue = new Queue<RepoWork>(options.name ?? 'jobs', {
    connection: options.redis,
    prefix: options.prefix ?? 'kubemend',
  });
  const jobOptions = repoWorkJobOptions(options);
  const { inbox } = options;

  // One waiting BullMQ job per repository; a second is kept (with the same data) while the first is active.
  const schedule = (key: string) =>
    queue.add('repo', { repoKey: key }, { ...jobOptions, deduplication: { id: key, keepLastIfActive: true } });

  return {
    queue,
    async enqueue(job) {
      const key = repoKey(job);
      if (!inbox) {
        await queue.add(job.kind, { repoKey: key, jobs: [job] }, jobOptions);
        return;
      }
      // Inbox first: a BullMQ job that starts between the two writes finds the job in the inbox. A server
      // that dies between them answers no 202: GitHub's redelivery (or the repository's next event) adds it.
      await inbox.push(key, job);
      await schedule(key);
    },
    async onIdle() {
      for (;;) {
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(counts).every((n) => n === 0)) return;
        await sleep(options.idlePollMs ?? 100);
      }
    },
    close: () => queue.close(),
  };
}
