/**
 * One claim per scheduled run across every process that shares Redis: each webhook server with
 * `SWEEP_CRON` fires at the same occurrence, and only the first to claim it queues the sweep, so several
 * servers behind a load balancer sweep once, not once each. A claim is `SET NX` on a key named by the
 * occurrence (the pattern's scheduled time, the same in every process), kept two days.
 */
import type { Redis } from 'ioredis';

export interface RunClaimOptions {
  redis: Redis;
  /** Prefix of the keys. Default: `kubemend`. */
  prefix?: string;
  /** Who claimed, stored as the key's value (for whoever inspects Redis). Default: `pid-<process id>`. */
  owner?: string;
  /** How long a claim is kept. Default: 48 h. */
  ttlMs?: number;
}

/** Claims occurrences of a schedule; true for the first process to claim one. */
export type RunClaim = (occurrence: Date) => Promise<boolean>;

export function createRunClaim(options: RunClaimOptions): RunClaim {
  const prefix = options.prefix ?? 'kubemend';
  const owner = options.owner ?? `pid-${process.pid}`;
  const ttl = options.ttlMs ?? 48 * 3600_000;
  return async (occurrence) =>
    (await options.redis.set(`${prefix}:sweep-run:${occurrence.toISOString()}`, owner, 'PX', ttl, 'NX')) === 'OK';
}
