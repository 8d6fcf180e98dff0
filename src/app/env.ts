/**
 * The App's environment, validated once at start-up with one schema. Probot reads the same variables
 * itself (APP_ID, PRIVATE_KEY, GHE_HOST, ...); validating them first turns Probot's silent fallbacks (a
 * webhook secret of "development", setup mode without a key) into errors that say what to set.
 */
import { z } from 'zod';

const nonEmpty = (what: string) => z.string({ error: `set ${what}` }).trim().min(1, `set ${what}`);

export const EnvSchema = z
  .object({
    APP_ID: nonEmpty('APP_ID to the App ID shown on the GitHub App settings page').regex(/^\d+$/, 'APP_ID must be the numeric App ID'),
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
    WEBHOOK_PATH: z.string().regex(/^\/\S*$/, 'WEBHOOK_PATH must be a path starting with /').optional(),
  })
  .refine((env) => Boolean(env.PRIVATE_KEY?.trim() || env.PRIVATE_KEY_PATH?.trim()), {
    message: 'set PRIVATE_KEY (the PEM text, or base64 of it) or PRIVATE_KEY_PATH (path to the .pem file downloaded from the App settings)',
    path: ['PRIVATE_KEY'],
  });

/**
 * The validated environment. `KUBEMEND_CONCURRENCY` Default: 4. `KUBEMEND_WRITE_DELAY_MS` Default: 1000.
 * `KUBEMEND_REQUEST_TIMEOUT_MS` (each GitHub request's deadline) Default: 20,000. `WEBHOOK_PATH` Default: /api/github/webhooks.
 */
export type AppEnv = z.output<typeof EnvSchema>;

export type EnvResult = { ok: true; env: AppEnv } | { ok: false; errors: string[] };

/** Validates the environment; every problem is returned as one line naming the variable to set. */
export function parseEnv(env: Record<string, string | undefined>): EnvResult {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`) };
}
