import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisPacer } from '../../../src/bot/redis/redis-pacer.js';
import { REDIS_URL, WITH_REDIS, eachTestRedis } from './redis-test-env.js';

describe.skipIf(!REDIS_URL)(`Redis write pacer (${WITH_REDIS})`, () => {
  let redis: Redis;
  let prefix: string;
  eachTestRedis((r, p) => ([redis, prefix] = [r, p]));

  it('runs write sequences one at a time, never two at once, in one budget for all pacers on the prefix', async () => {
    const pacers = [createRedisPacer({ redis, prefix }), createRedisPacer({ redis, prefix })];
    let running = 0;
    let most = 0;
    const writes = async (n: number) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return n;
    };
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => (pacers[n % 2] ?? pacers[0])?.run(() => writes(n))),
    );
    expect(results).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBe(1);
    expect(await redis.zcard(`${prefix}window`)).toBe(6);
  });

  it('a full window makes the next sequence wait until its oldest slot leaves the window', async () => {
    const waits: number[] = [];
    const pacer = createRedisPacer({
      redis,
      prefix,
      writesPerWindow: 5,
      windowMs: 60_000,
      onWait: (ms) => waits.push(ms),
    });
    await pacer.run(async () => 'a', 2);
    await pacer.run(async () => 'b', 3);
    const blocked = pacer.run(async () => 'c');
    await expect.poll(() => waits.length).toBe(1);
    expect(waits[0]).toBeGreaterThan(50_000);
    expect(waits[0]).toBeLessThanOrEqual(60_001);
    // The blocked sequence holds the write lock: nothing else writes meanwhile.
    expect(await redis.zcard(`${prefix}window`)).toBe(5);
    await redis.del(`${prefix}window`);
    void blocked;
  });
});
