/**
 * Sweep state in Redis: one hash per repository (`<prefix>:sweep:<owner/repo>`), so the scheduler and every
 * worker see what the last sweep of a repository remembered, whichever process ran it.
 */
import type { Redis } from 'ioredis';
import { type SweepState, toRecord } from './sweep-state.js';

export interface RedisSweepStateOptions {
  redis: Redis;
  /** Prefix of every key. Default: kubemend. */
  prefix?: string;
}

export function createRedisSweepState(options: RedisSweepStateOptions): SweepState {
  const key = (repo: string) => `${options.prefix ?? 'kubemend'}:sweep:${repo}`;
  return {
    get: async (repo) => toRecord(await options.redis.hgetall(key(repo))),
    set: async (repo, record) => {
      const fields = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
      // The whole record replaces the previous one: a field the new one lacks (an ETag) must not linger.
      await options.redis.multi().del(key(repo)).hset(key(repo), fields).exec();
    },
  };
}
