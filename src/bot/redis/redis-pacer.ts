/**
 * The write pacer (ports.ts) shared by every process of one GitHub App through Redis. GitHub's secondary
 * rate limits forbid concurrent content-creating requests and allow about 80 a minute per App
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits),
 * so a budget kept per process would be exceeded as soon as two workers write. Write sequences are
 * serialised by a Redis lock, and each takes `weight` slots of a sliding window (a sorted set scored by
 * Redis's own clock, so the processes' clocks do not matter); when the window is full it waits until the
 * oldest slot leaves it.
 */
import type { Redis } from 'ioredis';
import type { Pacer } from '../ports.js';
import { luaScript } from './lua-script.js';
import { createRedisLock } from './redis-lock.js';
import { sleep } from './sleep.js';

export interface RedisPacerOptions {
  redis: Redis;
  /** Prepended to the pacer's keys; one budget per prefix (per App). Default: `kubemend:pacer:`. */
  prefix?: string;
  /** Content-creating requests allowed in any window. Default: 80 (`KUBEMEND_WRITES_PER_MINUTE`). */
  writesPerWindow?: number;
  /** The window. Default: 60,000 ms. */
  windowMs?: number;
  /** How long a dead process's write lock blocks the others. Default: 30,000 ms. */
  lockTtlMs?: number;
  /** Called when a write sequence waits for the window (logs, tests). Default: none. */
  onWait?: (waitMs: number) => void;
}

// KEYS: the window's sorted set, its member counter. ARGV: limit, window ms, weight.
// Returns 0 when the slots were taken, else the milliseconds until enough slots are free.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, window, weight = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count + weight <= limit then
  for i = 1, weight do redis.call('ZADD', KEYS[1], now, redis.call('INCR', KEYS[2])) end
  redis.call('PEXPIRE', KEYS[1], window)
  redis.call('PEXPIRE', KEYS[2], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], count + weight - limit - 1, count + weight - limit - 1, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now + 1)`;

export function createRedisPacer(options: RedisPacerOptions): Pacer {
  const prefix = options.prefix ?? 'kubemend:pacer:';
  const limit = options.writesPerWindow ?? 80;
  const windowMs = options.windowMs ?? 60_000;
  const take = luaScript<number>(options.redis, { name: 'kubemendPacerTake', numberOfKeys: 2, lua: TAKE });
  const serial = createRedisLock({
    redis: options.redis,
    prefix: `${prefix}lock:`,
    retryDelayMs: 20,
    ...(options.lockTtlMs ? { ttlMs: options.lockTtlMs } : {}),
  });

  async function slots(weight: number): Promise<void> {
    for (;;) {
      const waitMs = await take([`${prefix}window`, `${prefix}seq`], [limit, windowMs, weight]);
      if (waitMs === 0) return;
      options.onWait?.(waitMs);
      await sleep(waitMs);
    }
  }

  return {
    run(writes, weight = 1) {
      // A sequence heavier than the whole budget takes all of it rather than waiting forever.
      const slotsNeeded = Math.min(Math.max(1, Math.ceil(weight)), limit);
      return serial.withLock('writes', async () => {
        await slots(slotsNeeded);
        return writes();
      });
    },
  };
}
