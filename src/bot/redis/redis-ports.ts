/**
 * Every port (ports.ts) on one Redis: what `REDIS_URL` switches on. The webhook server takes the queue,
 * ledger and pacer; `kubemend worker` (and `npm start` unless `KUBEMEND_WORKERS=0`) also starts workers.
 * All keys live under one prefix, so one Redis can hold several deployments apart.
 */
import type { Redis } from 'ioredis';
import type { DeliveryLedger, Pacer, RunJob } from '../ports.js';
import { type BullJobQueue, createBullQueue } from './bull-queue.js';
import { type BullWorker, type WorkerLog, startBullWorker } from './bull-worker.js';
import type { MergeJobs } from './fold-jobs.js';
import { createRedisLedger } from './redis-ledger.js';
import { type RedisLock, createRedisLock } from './redis-lock.js';
import { createRedisPacer } from './redis-pacer.js';
import { type RepoInbox, createRepoInbox } from './repo-inbox.js';

export interface RedisPortsOptions {
  redis: Redis;
  /** The GitHub App's id: the write budget is per App. */
  appId: string;
  /** Prefix of every key. Default: `kubemend`. */
  prefix?: string;
  /** Content-creating requests a minute, shared by every process of the App. Default: 80. */
  writesPerMinute?: number;
  /** Fold jobs waiting for the same repository into one run (`merge` decides which). Default: true. */
  coalesce?: boolean;
  /** Which waiting jobs may run as one. Default: none. */
  merge?: MergeJobs;
  /** BullMQ job lock, stalled check, repository and write lock TTL: how long a dead process blocks. Default: 30,000 ms. */
  jobLockMs?: number;
  /** Runs of a job before it is kept as failed. Default: 5 (backoff 30 s, doubling). */
  attempts?: number;
  /** First retry delay. Default: 30,000 ms. */
  backoffMs?: number;
}

export interface StartWorkersOptions {
  run: RunJob;
  log: WorkerLog;
  /** BullMQ jobs at once in this process. Default: 4. */
  concurrency?: number;
  /** Delay before a job whose repository is busy is tried again. Default: 2,000 ms. */
  busyDelayMs?: number;
}

export interface RedisPorts {
  queue: BullJobQueue;
  ledger: DeliveryLedger;
  pacer: Pacer;
  lock: RedisLock;
  inbox: RepoInbox | undefined;
  /** Starts a worker in this process. */
  startWorkers(options: StartWorkersOptions): BullWorker;
  /** Closes the queue and every worker started here; the connection stays the caller's. */
  close(): Promise<void>;
}

export function createRedisPorts(options: RedisPortsOptions): RedisPorts {
  const { redis } = options;
  const prefix = options.prefix ?? 'kubemend';
  const jobLockMs = options.jobLockMs ?? 30_000;
  const inbox = options.coalesce === false ? undefined : createRepoInbox({ redis, prefix: `${prefix}:` });
  const retry = {
    ...(options.attempts ? { attempts: options.attempts } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
  };
  const queue = createBullQueue({ redis, prefix, ...(inbox ? { inbox } : {}), ...retry });
  const lock = createRedisLock({ redis, prefix: `${prefix}:lock:`, ttlMs: jobLockMs });
  const workers: BullWorker[] = [];

  return {
    queue,
    ledger: createRedisLedger({ redis, prefix: `${prefix}:delivery:` }),
    pacer: createRedisPacer({
      redis,
      prefix: `${prefix}:pacer:${options.appId}:`,
      lockTtlMs: jobLockMs,
      ...(options.writesPerMinute ? { writesPerWindow: options.writesPerMinute } : {}),
    }),
    lock,
    inbox,
    startWorkers(start) {
      const worker = startBullWorker({
        redis,
        run: start.run,
        lock,
        log: start.log,
        prefix,
        jobLockMs,
        ...(inbox ? { inbox } : {}),
        ...(options.merge ? { merge: options.merge } : {}),
        ...(start.concurrency ? { concurrency: start.concurrency } : {}),
        ...(start.busyDelayMs !== undefined ? { busyDelayMs: start.busyDelayMs } : {}),
      });
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.splice(0).map((w) => w.close()));
      await queue.close();
    },
  };
}
