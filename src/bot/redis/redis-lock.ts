/**
 * Mutual exclusion per key across every process sharing one Redis: `SET key token PX ttl` when free, kept
 * alive by renewal while the work runs, released only by its holder (compare-and-delete in Lua). A holder
 * that dies stops renewing and the lock expires after `ttlMs`, so a killed worker never blocks a
 * repository for longer than that (https://redis.io/docs/latest/develop/use/patterns/distributed-locks/).
 * Work run by a holder (`lease.run`) re-enters the lock it holds: the worker takes a repository's lock
 * before the job runner's `withLock` for the same repository, which must not wait for itself.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RepoLock } from '../ports.js';
import { luaScript } from './lua-script.js';
import { sleep } from './sleep.js';

export interface RedisLockOptions {
  redis: Redis;
  /** Prepended to every lock key. Default: `kubemend:lock:`. */
  prefix?: string;
  /** How long a lock outlives its last renewal. Default: 30,000 ms. */
  ttlMs?: number;
  /** Renewal period. Default: a third of `ttlMs`. */
  renewEveryMs?: number;
  /** First wait of `withLock` when the key is held; doubles up to 2 s. Default: 100 ms. */
  retryDelayMs?: number;
}

/** A held lock. */
export interface LockLease {
  /** Runs `work` as this holder: `withLock` on the same key inside it runs at once instead of waiting. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Stops renewing and deletes the lock if it is still this holder's. False when it was not any more: it
   * expired under the work (renewals failed), and another holder may have run meanwhile.
   */
  release(): Promise<boolean>;
}

export interface RedisLock extends RepoLock {
  /** Takes the lock if it is free; undefined when someone holds it. */
  tryAcquire(key: string): Promise<LockLease | undefined>;
}

/** The work finished, but the lock had expired under it: another holder may have run at the same time. */
export class LockLostError extends Error {
  override readonly name = 'LockLostError';
  constructor(readonly key: string) {
    super(
      `the lock on ${key} expired while its work ran (renewal failed); the work may have overlapped another holder's`,
    );
  }
}

/** The Redis keys the current async context holds, so work run by a holder can re-enter its own lock. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function createRedisLock(options: RedisLockOptions): RedisLock {
  const { redis } = options;
  const prefix = options.prefix ?? 'kubemend:lock:';
  const ttlMs = options.ttlMs ?? 30_000;
  const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  const acquire = luaScript<number>(redis, { name: 'kubemendLockAcquire', numberOfKeys: 1, lua: ACQUIRE });
  const renew = luaScript<number>(redis, { name: 'kubemendLockRenew', numberOfKeys: 1, lua: RENEW });
  const release = luaScript<number>(redis, { name: 'kubemendLockRelease', numberOfKeys: 1, lua: RELEASE });

  async function tryAcquire(key: string): Promise<LockLease | undefined> {
    const redisKey = prefix + key;
    const token = randomUUID();
    if ((await acquire([redisKey], [token, ttlMs])) !== 1) return undefined;
    const timer = setInterval(() => {
      // Redis unreachable or the lock already gone: release tells the holder.
      renew([redisKey], [token, ttlMs]).catch(() => undefined);
    }, renewEveryMs);
    timer.unref();
    return {
      run: (work) => held.run(new Set([...(held.getStore() ?? []), redisKey]), work),
      async release() {
        clearInterval(timer);
        return (await release([redisKey], [token])) === 1;
      },
    };
  }

  async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (held.getStore()?.has(prefix + key)) return work();
    let delay = options.retryDelayMs ?? 100;
    let lease = await tryAcquire(key);
    while (!lease) {
      await sleep(delay * (0.5 + Math.random() / 2));
      delay = Math.min(delay * 2, 2000);
      lease = await tryAcquire(key);
    }
    let result: T;
    try {
      result = await lease.run(work);
    } catch (err) {
      await lease.release();
      throw err;
    }
    if (!(await lease.release())) throw new LockLostError(key);
    return result;
  }

  return { tryAcquire, withLock };
}
