/** The environment of `REDIS_URL` deployments: the server's Redis settings and `kubemend worker`'s own. */
import { describe, expect, it } from 'vitest';
import { parseEnv, parseWorkerEnv } from '../../src/app/env.js';

const KEY = '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----';

describe('REDIS_URL settings', () => {
  it('the server takes a Redis URL, KUBEMEND_WORKERS 0 or 1 and a write budget, and names a wrong one', () => {
    const env = { APP_ID: '1', PRIVATE_KEY: KEY, WEBHOOK_SECRET: 's3cret' };
    const ok = parseEnv({
      ...env,
      REDIS_URL: 'rediss://:pw@redis.internal:6380/2',
      KUBEMEND_WORKERS: '0',
      KUBEMEND_WRITES_PER_MINUTE: '40',
    });
    expect(ok.ok && [ok.env.REDIS_URL, ok.env.KUBEMEND_WORKERS, ok.env.KUBEMEND_WRITES_PER_MINUTE]).toEqual([
      'rediss://:pw@redis.internal:6380/2',
      '0',
      40,
    ]);
    expect(
      parseEnv({ ...env, REDIS_URL: 'redis.internal:6379', KUBEMEND_WORKERS: '4', KUBEMEND_WRITES_PER_MINUTE: '0' }),
    ).toEqual({
      ok: false,
      errors: [
        'REDIS_URL: REDIS_URL must be a redis:// or rediss:// URL',
        'KUBEMEND_WORKERS: KUBEMEND_WORKERS must be 0 (this server only queues jobs) or 1 (it also runs them)',
        'KUBEMEND_WRITES_PER_MINUTE: Too small: expected number to be >=1',
      ],
    });
  });

  it('kubemend worker needs REDIS_URL and the App credentials, not the webhook secret', () => {
    expect(parseWorkerEnv({ APP_ID: '1', PRIVATE_KEY_PATH: 'key.pem' })).toEqual({
      ok: false,
      errors: ['REDIS_URL: set REDIS_URL to the Redis the webhook server queues jobs in (redis://host:6379)'],
    });
    const ok = parseWorkerEnv({ APP_ID: '1', PRIVATE_KEY_PATH: 'key.pem', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(ok.ok && [ok.env.REDIS_URL, ok.env.WEBHOOK_SECRET, ok.env.KUBEMEND_CONCURRENCY]).toEqual([
      'redis://127.0.0.1:6379',
      undefined,
      4,
    ]);
    expect(parseWorkerEnv({ APP_ID: '1', REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({
      ok: false,
      errors: [
        'PRIVATE_KEY: set PRIVATE_KEY (the PEM text, or base64 of it) or PRIVATE_KEY_PATH (path to the .pem file downloaded from the App settings)',
      ],
    });
  });
});
