/**
 * The App's environment, validated once at start-up with one schema. Probot reads the same variables
 * itself (APP_ID, PRIVATE_KEY, GHE_HOST, ...); validating them first turns Probot's silent fallbacks (a
 * webhook secret of "development", setup mode without a key) into errors that say what to set.
 */
import { Cron } from 'croner';
import { z } from 'zod';

/** Scheduled drift sweeps: daily at 03:00 UTC (each run starts after a random delay: sweep-schedule.ts). */
export const DEFAULT_SWEEP_CRON = '0 3 * * *';

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true, timezone: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

const nonEmpty = (what: string) =>
  z
    .string({ error: `set ${what}` })
    .trim()
    .min(1, `set ${what}`);

const ENV_FIELDS = {
  APP_ID: nonEmpty('APP_ID to the App ID shown on the GitHub App settings page').regex(
    /^\d+$/,
    'APP_ID must be the numeric App ID',
  ),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  WEBHOOK_SECRET: nonEmpty('WEBHOOK_SECRET to the webhook secret configured for the GitHub App').refine(
    (s) => s !== 'development',
    'WEBHOOK_SECRET is "development", Probot\'s insecure default; set the real secret configured for the GitHub App',
  ),
  GHE_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'GHE_HOST is a host name such as github.example.com, without protocol or path')
    .optional(),
  GHE_PROTOCOL: z.enum(['https', 'http'], { error: 'GHE_PROTOCOL must be https or http' }).optional(),
  PORT: z.string().regex(/^\d+$/, 'PORT must be a number').optional(),
  HOST: z.string().optional(),
  KUBEMEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  KUBEMEND_WRITE_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  KUBEMEND_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  WEBHOOK_PATH: z
    .string()
    .regex(/^\/\S*$/, 'WEBHOOK_PATH must be a path starting with /')
    .optional(),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  KUBEMEND_WORKERS: z
    .enum(['0', '1'], { error: 'KUBEMEND_WORKERS must be 0 (this server only queues jobs) or 1 (it also runs them)' })
    .default('1'),
  KUBEMEND_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(80),
  KUBEMEND_JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  KUBEMEND_REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'KUBEMEND_REDIS_PREFIX is letters, digits, ".", "-" and "_"')
    .default('kubemend'),
  SWEEP_CRON: z
    .string()
    .trim()
    .default(DEFAULT_SWEEP_CRON)
    .refine(
      (cron) => cron === '' || isCron(cron),
      'SWEEP_CRON must be a cron pattern such as "0 3 * * *" (minute hour day month weekday), or empty to turn scheduled sweeps off',
    ),
};

const hasPrivateKey: [
  (env: { PRIVATE_KEY?: string | undefined; PRIVATE_KEY_PATH?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [
  (env) => Boolean(env.PRIVATE_KEY?.trim() || env.PRIVATE_KEY_PATH?.trim()),
  {
    message:
      'set PRIVATE_KEY (the PEM text, or base64 of it) or PRIVATE_KEY_PATH (path to the .pem file downloaded from the App settings)',
    path: ['PRIVATE_KEY'],
  },
];

export const EnvSchema = z.object(ENV_FIELDS).refine(...hasPrivateKey);

/** `kubemend worker`: the App's credentials and Redis; no webhooks arrive, so no webhook secret. */
export const WorkerEnvSchema = z
  .object({
    ...ENV_FIELDS,
    WEBHOOK_SECRET: z.string().optional(),
    REDIS_URL: nonEmpty('REDIS_URL to the Redis the webhook server queues jobs in (redis://host:6379)').regex(
      /^rediss?:\/\/\S+$/,
      'REDIS_URL must be a redis:// or rediss:// URL',
    ),
  })
  .refine(...hasPrivateKey);

/**
 * The validated environment. `REDIS_URL` Default: unset (queue, ledger, pacer and lock in this process).
 * `KUBEMEND_WORKERS` (with Redis: 1 runs queued jobs here too, 0 only queues them) Default: 1.
 * `KUBEMEND_WRITES_PER_MINUTE` (with Redis: content-creating requests a minute for the whole App) Default: 80.
 * `KUBEMEND_JOB_LOCK_MS` (with Redis: how long a dead worker's job and repository stay locked) Default: 30,000.
 * `KUBEMEND_REDIS_PREFIX` (with Redis: the prefix of every key, one per deployment sharing a Redis) Default: kubemend.
 * `KUBEMEND_CONCURRENCY` Default: 4. `KUBEMEND_WRITE_DELAY_MS` Default: 1000.
 * `SWEEP_CRON` (scheduled drift sweeps, UTC; empty: none) Default: 0 3 * * *.
 * `KUBEMEND_REQUEST_TIMEOUT_MS` (each GitHub request's deadline) Default: 20,000. `WEBHOOK_PATH` Default: /api/github/webhooks.
 */
/** `kubemend sweep`: the App's credentials; no webhooks arrive, so no webhook secret; Redis optional. */
export const SweepEnvSchema = z
  .object({ ...ENV_FIELDS, WEBHOOK_SECRET: z.string().optional() })
  .refine(...hasPrivateKey);

export type AppEnv = z.output<typeof EnvSchema>;
export type SweepEnv = z.output<typeof SweepEnvSchema>;
export type WorkerEnv = z.output<typeof WorkerEnvSchema>;

export type EnvResult<E = AppEnv> = { ok: true; env: E } | { ok: false; errors: string[] };

function parseWith<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): EnvResult<z.output<S>> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`),
  };
}

/** Validates the environment; every problem is returned as one line naming the variable to set. */
export function parseEnv(env: Record<string, string | undefined>): EnvResult {
  return parseWith(EnvSchema, env);
}

/** Validates `kubemend worker`'s environment (as `parseEnv`, with REDIS_URL required and no webhook secret). */
export function parseWorkerEnv(env: Record<string, string | undefined>): EnvResult<WorkerEnv> {
  return parseWith(WorkerEnvSchema, env);
}

/** Validates `kubemend sweep`'s environment (as `parseEnv`, without the webhook secret). */
export function parseSweepEnv(env: Record<string, string | undefined>): EnvResult<SweepEnv> {
  return parseWith(SweepEnvSchema, env);
}
