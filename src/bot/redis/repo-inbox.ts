/**
 * Jobs waiting for a repository, kept in Redis until a worker has run them. A webhook appends its job to
 * the repository's inbox; the worker that runs the repository moves the whole inbox, atomically, to a list
 * named after its BullMQ job (its claim), runs it, and deletes the claim only after the runs ended. A
 * worker killed in between leaves the claim in place, and BullMQ's stalled-job recovery hands the same
 * BullMQ job, and so the same claim, to the next worker: nothing is lost.
 */
import type { Redis } from 'ioredis';
import type { Job } from '../jobs.js';
import { luaScript } from './lua-script.js';

export interface RepoInboxOptions {
  redis: Redis;
  /** Prepended to the inbox and claim keys. Default: `kubemend:`. */
  prefix?: string;
  /** A claim outlives its worker by this much at most (a BullMQ job removed by hand). Default: 7 days. */
  claimTtlMs?: number;
}

export interface RepoInbox {
  push(repoKey: string, job: Job): Promise<void>;
  /** Moves the repository's inbox to the claim `claimId` and returns everything claimed under it. */
  claim(repoKey: string, claimId: string): Promise<Job[]>;
  /** Deletes a claim whose jobs ran (or were handed over to their BullMQ job's data). */
  release(claimId: string): Promise<void>;
}

// KEYS: inbox, claim. ARGV: claim TTL.
const CLAIM = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for i = 1, #items do redis.call('RPUSH', KEYS[2], items[i]) end
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
return redis.call('LRANGE', KEYS[2], 0, -1)`;

export function createRepoInbox(options: RepoInboxOptions): RepoInbox {
  const { redis } = options;
  const prefix = options.prefix ?? 'kubemend:';
  const claimTtlMs = options.claimTtlMs ?? 7 * 24 * 3600_000;
  const claim = luaScript<string[]>(redis, { name: 'kubemendInboxClaim', numberOfKeys: 2, lua: CLAIM });
  const inboxKey = (repoKey: string) => `${prefix}inbox:${repoKey}`;
  const claimKey = (claimId: string) => `${prefix}claim:${claimId}`;

  return {
    async push(repoKey, job) {
      await redis.rpush(inboxKey(repoKey), JSON.stringify(job));
    },
    async claim(repoKey, claimId) {
      const items = await claim([inboxKey(repoKey), claimKey(claimId)], [claimTtlMs]);
      return items.map((item) => JSON.parse(item) as Job);
    },
    async release(claimId) {
      await redis.del(claimKey(claimId));
    },
  };
}
