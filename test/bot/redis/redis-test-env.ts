/**
 * The real Redis these tests use: `REDIS_URL`, which `.ci/run` exports after starting `redis-server`.
 * In CI (`CI=true`) a missing Redis fails the file with an instruction; elsewhere the tests are skipped
 * and their title says why. Every test works under its own key prefix and deletes its keys afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { connectRedis } from '../../../src/bot/redis/connect-redis.js';

export const REDIS_URL = process.env.REDIS_URL ?? '';

if (!REDIS_URL && process.env.CI === 'true') {
  throw new Error(
    'REDIS_URL is not set: the Redis tests need a real Redis. .ci/run installs redis-server and exports REDIS_URL; run the tests through it, or start redis-server and set REDIS_URL=redis://127.0.0.1:6379',
  );
}

/** The suffix of every Redis suite's title: names the reason when the suite is skipped. */
export const WITH_REDIS = REDIS_URL
  ? 'with Redis'
  : 'skipped: REDIS_URL is unset (start redis-server and set REDIS_URL to run)';

/** A fresh key prefix for one test. */
export function testPrefix(): string {
  return `kubemend-test:${randomUUID()}:`;
}

/** A connection for the test, and a cleanup that deletes the prefix's keys and disconnects. */
export async function openRedis(): Promise<Redis> {
  return connectRedis({ url: REDIS_URL, name: 'kubemend-test' });
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

/** Before each test of the suite: a connection and a fresh key prefix, handed to `use`; after it, the keys deleted. */
export function eachTestRedis(use: (redis: Redis, prefix: string) => void): void {
  let redis: Redis;
  let prefix: string;
  beforeEach(async () => {
    redis = await openRedis();
    prefix = testPrefix();
    use(redis, prefix);
  });
  afterEach(async () => {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });
}
