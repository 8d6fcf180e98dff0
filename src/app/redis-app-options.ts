/**
 * What `REDIS_URL` changes in the App: the queue, the delivery ledger, the write pacer and the repository
 * lock come from Redis (src/bot/redis/), so every webhook server and worker process shares them, and the
 * queue's jobs are run by BullMQ workers in whichever processes run them (`workers`). The job runner is
 * the App's own, so a job runs the same way in a worker as in one process.
 */
import type { Redis } from 'ioredis';
import { mergeJobs } from '../bot/in-process/merge-jobs.js';
import { connectRedis } from '../bot/redis/connect-redis.js';
import { type RedisPorts, createRedisPorts } from '../bot/redis/redis-ports.js';
import type { AppLog } from './create-app-probot.js';
import type { AppOptions } from './index.js';

export interface RedisAppOptions {
  url: string;
  appId: string;
  log: AppLog;
  /** Queued jobs this process runs at once; 0 runs none (a webhook server beside separate workers). */
  workerConcurrency: number;
  /** Content-creating requests a minute for the whole App. Default: 80. */
  writesPerMinute?: number;
  /** BullMQ job lock, stalled-job check and repository lock TTL. Default: 30,000 ms. */
  jobLockMs?: number;
  /** Prefix of every key. Default: kubemend. */
  prefix?: string;
}

export interface RedisApp {
  /** The App options that put the ports on Redis. */
  appOptions: Required<Pick<AppOptions, 'createQueue' | 'ledger' | 'pacer' | 'lock'>>;
  ports: RedisPorts;
  /** Stops the workers started here (running jobs finish first), the queue, then the connection. */
  close(): Promise<void>;
}

/** Connects (rejecting with RedisUnavailableError when Redis does not answer) and builds the options. */
export async function redisAppOptions(options: RedisAppOptions): Promise<RedisApp> {
  const { log } = options;
  const redis: Redis = await connectRedis({
    url: options.url,
    onError: (err) => log.error({ failure: err.message }, 'Redis connection error; retrying'),
  });
  const ports = createRedisPorts({
    redis,
    appId: options.appId,
    merge: mergeJobs,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(options.writesPerMinute ? { writesPerMinute: options.writesPerMinute } : {}),
    ...(options.jobLockMs ? { jobLockMs: options.jobLockMs } : {}),
  });
  const createQueue: AppOptions['createQueue'] = (run) => {
    if (options.workerConcurrency > 0) ports.startWorkers({ run, log, concurrency: options.workerConcurrency });
    return ports.queue;
  };
  return {
    appOptions: { createQueue, ledger: ports.ledger, pacer: ports.pacer, lock: ports.lock },
    ports,
    async close() {
      await ports.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
