/**
 * Sweep state in a real Redis (`REDIS_URL`, started by `.ci/run`): what one process remembers of a
 * repository another reads back whole, and a newer record replaces the older one field by field (an
 * ETag the new record lacks does not linger).
 */
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { type RepoSweepRecord, createRedisSweepState } from '../../src/bot/sweep/index.js';
import { REDIS_URL, WITH_REDIS, eachTestRedis } from './redis/redis-test-env.js';

const record: RepoSweepRecord = {
  headSha: 'a'.repeat(40),
  headEtag: 'W/"a"',
  configHash: 'c1',
  catalogVersion: 'v1',
  result: 'done',
  sweptAt: '2026-11-30T03:00:00.000Z',
  dashboardNumber: 7,
};

describe.skipIf(!REDIS_URL)(`sweep state in Redis (${WITH_REDIS})`, () => {
  let redis: Redis;
  let prefix: string;
  eachTestRedis((r, p) => ([redis, prefix] = [r, p]));

  it('is shared between processes, one hash per repository, and replaced whole', async () => {
    const server = createRedisSweepState({ redis, prefix });
    const worker = createRedisSweepState({ redis, prefix });
    expect(await worker.get('o/r')).toBeUndefined();
    await server.set('o/r', record);
    expect(await worker.get('o/r')).toEqual(record);
    expect(await redis.hget(`${prefix}:sweep:o/r`, 'headSha')).toBe(record.headSha);
    const {
      headEtag: _etag,
      dashboardNumber: _n,
      ...newer
    } = { ...record, headSha: 'b'.repeat(40), result: 'no-files' as const };
    await worker.set('o/r', newer);
    expect(await server.get('o/r')).toEqual(newer);
  });
});
