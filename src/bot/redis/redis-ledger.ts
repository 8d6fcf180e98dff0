/**
 * The delivery ledger (ports.ts) in Redis, so every webhook server and worker agrees on which deliveries
 * are in flight or done: a delivery GitHub sends twice (a retry, "Redeliver", two servers behind a load
 * balancer) is handled once, and a failed one is forgotten so redelivering it runs it again. Each step is
 * one Lua script, atomic across processes. Keys expire: an in-flight entry whose handler died lapses after
 * `handlerTtlMs` (or `jobTtlMs` once a job was queued for it), and done ids after `doneTtlMs`.
 */
import type { Redis } from 'ioredis';
import type { DeliveryLedger } from '../ports.js';
import { luaScript } from './lua-script.js';

export interface RedisLedgerOptions {
  redis: Redis;
  /** Prepended to every key. Default: `kubemend:delivery:`. */
  prefix?: string;
  /** How long a delivery stays in flight with only its handler running. Default: 60,000 ms. */
  handlerTtlMs?: number;
  /** How long it stays in flight once jobs are queued for it (retries with backoff included). Default: 24 h. */
  jobTtlMs?: number;
  /** How long a done delivery is remembered. Default: 72 h (GitHub lists deliveries for 3 days). */
  doneTtlMs?: number;
}

// KEYS: in-flight hash, done key. The hash holds `pending` (units of work) and `failed` (0 or 1).
const BEGIN = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'pending', 1, 'failed', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;
const ADD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'pending', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;
const SETTLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == '0' then redis.call('HSET', KEYS[1], 'failed', 1) end
if redis.call('HINCRBY', KEYS[1], 'pending', -1) > 0 then return 1 end
local failed = redis.call('HGET', KEYS[1], 'failed')
redis.call('DEL', KEYS[1])
if failed == '0' then redis.call('SET', KEYS[2], 1, 'PX', ARGV[2]) end
return 1`;

export function createRedisLedger(options: RedisLedgerOptions): DeliveryLedger {
  const { redis } = options;
  const prefix = options.prefix ?? 'kubemend:delivery:';
  const handlerTtlMs = options.handlerTtlMs ?? 60_000;
  const jobTtlMs = options.jobTtlMs ?? 24 * 3600_000;
  const doneTtlMs = options.doneTtlMs ?? 72 * 3600_000;
  const begin = luaScript<number>(redis, { name: 'kubemendLedgerBegin', numberOfKeys: 2, lua: BEGIN });
  const add = luaScript<number>(redis, { name: 'kubemendLedgerAdd', numberOfKeys: 1, lua: ADD });
  const settle = luaScript<number>(redis, { name: 'kubemendLedgerSettle', numberOfKeys: 2, lua: SETTLE });
  const keys = (id: string) => [`${prefix}in-flight:${id}`, `${prefix}done:${id}`];

  return {
    begin: async (id) => (await begin(keys(id), [handlerTtlMs])) === 1,
    add: async (id) => {
      await add(keys(id).slice(0, 1), [jobTtlMs]);
    },
    settle: async (id, ok) => {
      await settle(keys(id), [ok ? 1 : 0, doneTtlMs]);
    },
    state: async (id) => {
      const [inFlight, done] = await Promise.all(keys(id).map((key) => redis.exists(key)));
      return inFlight === 1 ? 'in-flight' : done === 1 ? 'done' : undefined;
    },
  };
}
