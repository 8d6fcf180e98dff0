/**
 * One ioredis connection for kubemend's Redis ports (queue, worker, lock, ledger, pacer). BullMQ workers
 * block on Redis and need `maxRetriesPerRequest: null`
 * (https://docs.bullmq.io/guide/connections); the same setting lets every other command wait out a Redis
 * restart instead of failing the job. Connection errors go to the log once per change, not to stderr.
 */
import { Redis } from 'ioredis';

export interface ConnectRedisOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://` for TLS. */
  url: string;
  /** Where connection errors go. Default: ignored (ioredis reconnects by itself). */
  onError?: (err: Error) => void;
  /** Name shown by `CLIENT LIST`. Default: kubemend. */
  name?: string;
}

/** Opens the connection; resolves once Redis answers, rejects with the connection error otherwise. */
export async function connectRedis(options: ConnectRedisOptions): Promise<Redis> {
  const redis = new Redis(options.url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectionName: options.name ?? 'kubemend',
  });
  let last = '';
  redis.on('error', (err: Error) => {
    if (err.message === last) return;
    last = err.message;
    options.onError?.(err);
  });
  redis.on('ready', () => (last = ''));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    // ioredis rejects with "Connection is closed."; the error event before it says why (refused, DNS, auth).
    throw new RedisUnavailableError(options.url, last ? new Error(last) : err);
  }
  return redis;
}

/** Redis did not answer at start-up. The message names the host, never the password. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  constructor(url: string, cause: unknown) {
    super(`cannot connect to Redis at ${redactUrl(url)}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** The URL without its credentials, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(an unparsable REDIS_URL)';
  }
}
