/**
 * Runs kubemend's BullMQ jobs in this process, `concurrency` at a time, beside any number of other worker
 * processes. One repository runs in one place at a time: each BullMQ job first takes the repository's Redis
 * lock (redis-lock.ts); when another worker holds it, the job is moved back to the delayed set and tried
 * again shortly, which BullMQ does not count as a failed attempt
 * (https://docs.bullmq.io/patterns/process-step-jobs#delaying). A worker that dies stops renewing both its
 * BullMQ job lock and the repository lock; after `jobLockMs` the stalled-job check hands the job to another
 * worker (https://docs.bullmq.io/guide/workers/stalled-jobs).
 */
import { DelayedError, type Job as BullJob, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Job } from '../jobs.js';
import type { RunJob } from '../ports.js';
import type { RepoWork } from './bull-queue.js';
import { type MergeJobs, foldJobs } from './fold-jobs.js';
import type { RedisLock } from './redis-lock.js';
import type { RepoInbox } from './repo-inbox.js';

/** What the worker logs through (the App's pino logger fits). */
export interface WorkerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface BullWorkerOptions {
  redis: Redis;
  run: RunJob;
  /** Per-repository lock shared by all workers. */
  lock: RedisLock;
  /** Where coalesced jobs wait (the queue's inbox). Default: none (each BullMQ job carries its jobs). */
  inbox?: RepoInbox;
  /** Which claimed jobs may run as one. Default: none merge. */
  merge?: MergeJobs;
  log: WorkerLog;
  /** BullMQ's key prefix, as the queue's. Default: `kubemend`. */
  prefix?: string;
  /** Queue name, as the queue's. Default: `jobs`. */
  name?: string;
  /** BullMQ jobs at once in this process. Default: 4. */
  concurrency?: number;
  /** BullMQ's job lock and stalled-check period: how long a dead worker's job waits. Default: 30,000 ms. */
  jobLockMs?: number;
  /** Times a job may be recovered from a dead worker before it is failed. Default: 3. */
  maxStalledCount?: number;
  /** Delay before a job whose repository is busy is tried again (plus up to half of it at random). Default: 2,000 ms. */
  busyDelayMs?: number;
}

export interface BullWorker {
  readonly worker: Worker<RepoWork>;
  /** Stops taking jobs, waits for the running ones, disconnects. */
  close(): Promise<void>;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Runs the claimed jobs; those that failed are handed back (in the BullMQ job's data) and the attempt fails. */
async function runClaimed(bull: BullJob<RepoWork>, jobs: Job[], options: BullWorkerOptions): Promise<{ runs: number }> {
  const runs = foldJobs(jobs, options.merge);
  const failed: Array<{ job: Job; err: unknown }> = [];
  for (const job of runs) {
    try {
      await options.run(job);
    } catch (err) {
      failed.push({ job, err });
    }
  }
  if (failed.length === 0) {
    if (options.inbox) await options.inbox.release(String(bull.id));
    return { runs: runs.length };
  }
  // Retried as they are; kept in the failed job's data, with its reason, when attempts run out.
  await bull.updateData({ repoKey: bull.data.repoKey, jobs: failed.map((f) => f.job) });
  if (options.inbox) await options.inbox.release(String(bull.id));
  const reasons = failed.map((f) => `${f.job.kind} ${f.job.deliveryId}: ${describe(f.err)}`);
  throw new Error(`${failed.length} of ${runs.length} run(s) for ${bull.data.repoKey} failed: ${reasons.join('; ')}`);
}

export function startBullWorker(options: BullWorkerOptions): BullWorker {
  const { lock, inbox, log } = options;
  const jobLockMs = options.jobLockMs ?? 30_000;
  const busyDelayMs = options.busyDelayMs ?? 2000;

  async function processor(bull: BullJob<RepoWork>, token?: string): Promise<{ runs: number }> {
    const key = bull.data.repoKey;
    const lease = await lock.tryAcquire(key);
    if (!lease) {
      await bull.moveToDelayed(Date.now() + busyDelayMs * (1 + Math.random() / 2), token);
      throw new DelayedError();
    }
    try {
      const jobs = [...(bull.data.jobs ?? []), ...(inbox ? await inbox.claim(key, String(bull.id)) : [])];
      return await lease.run(() => runClaimed(bull, jobs, options));
    } finally {
      if (!(await lease.release()))
        log.warn(
          { repo: key, job: bull.id },
          'the repository lock expired while its job ran; another worker may have run it at the same time',
        );
    }
  }

  const worker = new Worker<RepoWork>(options.name ?? 'jobs', processor, {
    connection: options.redis,
    prefix: options.prefix ?? 'kubemend',
    concurrency: options.concurrency ?? 4,
    lockDuration: jobLockMs,
    stalledInterval: jobLockMs,
    maxStalledCount: options.maxStalledCount ?? 3,
  });
  worker.on('error', (err) => log.error({ failure: describe(err) }, 'queue worker error'));
  worker.on('failed', (bull, err) => {
    if (!bull) return;
    const final = bull.attemptsMade >= (bull.opts.attempts ?? 1);
    log.warn(
      { repo: bull.data.repoKey, job: bull.id, attempt: bull.attemptsMade, failure: err.message },
      final ? 'queued job failed; kept in the failed set' : 'queued job failed; retried with backoff',
    );
  });
  return { worker, close: () => worker.close() };
}
