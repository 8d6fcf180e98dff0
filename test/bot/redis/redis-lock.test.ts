import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { LockLostError, createRedisLock } from '../../../src/bot/redis/redis-lock.js';
import { REDIS_URL, WITH_REDIS, eachTestRedis } from './redis-test-env.js';

describe.skipIf(!REDIS_URL)(`Redis lock (${WITH_REDIS})`, () => {
  let redis: Redis;
  let prefix: string;
  eachTestRedis((r, p) => ([redis, prefix] = [r, p]));

  it('lets one holder in per key; the key is free again after release, and other keys are independent', async () => {
    const a = createRedisLock({ redis, prefix });
    const b = createRedisLock({ redis, prefix });
    const lease = await a.tryAcquire('acme/infra');
    expect(lease).toBeDefined();
    expect(await b.tryAcquire('acme/infra')).toBeUndefined();
    const other = await b.tryAcquire('acme/other');
    expect(other).toBeDefined();
    await lease?.release();
    const again = await b.tryAcquire('acme/infra');
    expect(again).toBeDefined();
    await again?.release();
    await other?.release();
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it('withLock runs work for one key one after the other, and in parallel for different keys', async () => {
    const lock = createRedisLock({ redis, prefix, retryDelayMs: 5 });
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      lock.withLock('r', work('1')),
      lock.withLock('r', work('2')),
      lock.withLock('s', work('3')),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    // On 'r', whichever started first ended before the other started; 's' did not wait for 'r'.
    const onR = events.filter((e) => !e.endsWith('3'));
    expect([onR[0]?.slice(6), onR[1]]).toEqual([onR[1]?.slice(4), `end ${onR[1]?.slice(4)}`]);
    expect(events.indexOf('start 3')).toBeLessThan(events.indexOf(`start ${onR[2]?.slice(6)}`));
  });

  it('work run by a holder re-enters its own lock; other work for the key still waits for the holder', async () => {
    const lock = createRedisLock({ redis, prefix, retryDelayMs: 5 });
    const lease = await lock.tryAcquire('r');
    const order: string[] = [];
    const outside = lock.withLock('r', async () => order.push('outside'));
    const inner = await lease?.run(() => lock.withLock('r', async () => (order.push('inner'), 'inner ran')));
    expect(inner).toBe('inner ran');
    expect(order).toEqual(['inner']);
    await lease?.release();
    await outside;
    expect(order).toEqual(['inner', 'outside']);
  });

  it('a holder that stops renewing (a killed worker) loses the lock after its TTL; withLock then reports the loss', async () => {
    const lock = createRedisLock({ redis, prefix, ttlMs: 200, renewEveryMs: 10_000 });
    const rival = createRedisLock({ redis, prefix, ttlMs: 200 });
    const result = lock.withLock('r', async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      // The TTL runs out with no renewal; a rival takes the key meanwhile.
      while (!(await rival.tryAcquire('r'))) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 80));
      return 'done';
    });
    await expect(result).rejects.toThrow(LockLostError);
  });

  it('release never deletes a lock another holder took after expiry', async () => {
    const lock = createRedisLock({ redis, prefix, ttlMs: 50, renewEveryMs: 10_000 });
    const first = await lock.tryAcquire('r');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const second = await lock.tryAcquire('r');
    expect(second).toBeDefined();
    expect(await first?.release()).toBe(false);
    expect(await lock.tryAcquire('r')).toBeUndefined();
    expect(await second?.release()).toBe(true);
  });
});
