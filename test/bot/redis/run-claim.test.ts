import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRunClaim } from '../../../src/bot/redis/run-claim.js';
import { REDIS_URL, WITH_REDIS, eachTestRedis } from './redis-test-env.js';

describe.skipIf(!REDIS_URL)(`Claims of scheduled sweep runs (${WITH_REDIS})`, () => {
  let redis: Redis;
  let prefix: string;
  eachTestRedis((r, p) => ([redis, prefix] = [r, p]));

  it('one server of several claims an occurrence; the next occurrence is free again; claims expire', async () => {
    const at = new Date('2026-11-30T03:00:00Z');
    const [a, b, c] = ['a', 'b', 'c'].map((owner) => createRunClaim({ redis, prefix, owner, ttlMs: 60_000 }));
    expect(await Promise.all([a, b, c].map((claim) => claim?.(at)))).toEqual([true, false, false]);
    expect(await b?.(new Date('2026-12-01T03:00:00Z'))).toBe(true);
    const key = `${prefix}:sweep-run:2026-11-30T03:00:00.000Z`;
    expect(await redis.get(key)).toBe('a');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
