import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisLedger } from '../../../src/bot/redis/redis-ledger.js';
import { REDIS_URL, WITH_REDIS, eachTestRedis } from './redis-test-env.js';

describe.skipIf(!REDIS_URL)(`Redis delivery ledger (${WITH_REDIS})`, () => {
  let redis: Redis;
  let prefix: string;
  eachTestRedis((r, p) => ([redis, prefix] = [r, p]));

  it('two servers sharing Redis: the second begin of a delivery is a duplicate while it is in flight and once done', async () => {
    const serverA = createRedisLedger({ redis, prefix });
    const serverB = createRedisLedger({ redis, prefix });
    expect(await serverA.begin('d1')).toBe(true);
    expect(await serverB.begin('d1')).toBe(false);
    expect(await serverB.state('d1')).toBe('in-flight');
    await serverA.add('d1');
    await serverA.settle('d1', true);
    expect(await serverB.state('d1')).toBe('in-flight');
    await serverB.settle('d1', true);
    expect(await serverA.state('d1')).toBe('done');
    expect(await serverB.begin('d1')).toBe(false);
  });

  it('a delivery with any failed unit is forgotten when its last unit settles, so a redelivery runs again', async () => {
    const ledger = createRedisLedger({ redis, prefix });
    expect(await ledger.begin('d2')).toBe(true);
    await ledger.add('d2');
    await ledger.add('d2');
    await ledger.settle('d2', true);
    await ledger.settle('d2', false);
    expect(await ledger.state('d2')).toBe('in-flight');
    await ledger.settle('d2', true);
    expect(await ledger.state('d2')).toBeUndefined();
    expect(await ledger.begin('d2')).toBe(true);
  });

  it('settling or adding to an unknown delivery changes nothing', async () => {
    const ledger = createRedisLedger({ redis, prefix });
    await ledger.add('never');
    await ledger.settle('never', true);
    expect(await ledger.state('never')).toBeUndefined();
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it('an in-flight entry whose handler died lapses after handlerTtlMs; a queued job extends it to jobTtlMs', async () => {
    const ledger = createRedisLedger({ redis, prefix, handlerTtlMs: 1_000, jobTtlMs: 500_000, doneTtlMs: 900_000 });
    await ledger.begin('lapses');
    await ledger.begin('queued');
    await ledger.add('queued');
    const ttl = async (id: string) => redis.pttl(`${prefix}in-flight:${id}`);
    expect(await ttl('lapses')).toBeLessThanOrEqual(1_000);
    expect(await ttl('queued')).toBeGreaterThan(1_000);
    await ledger.settle('queued', true);
    await ledger.settle('queued', true);
    expect(await redis.pttl(`${prefix}done:queued`)).toBeGreaterThan(500_000);
  });
});
