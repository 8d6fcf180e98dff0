/**
 * The App's Probot and logger from the validated environment, shared by the webhook server (`npm start`)
 * and `kubemend worker`: the private key read as Probot reads it, a logger that redacts the secrets, the
 * App's reliable GitHub client (retries, rate limits, deadlines: src/github/reliable-octokit.ts), and
 * GitHub Enterprise Server through `GHE_HOST` / `GHE_PROTOCOL` as Probot reads them.
 */
import { getPrivateKey } from '@probot/get-private-key';
import { type Probot, ProbotOctokit, createProbot } from 'probot';
import { reliableOctokit, reliableRequestOptions } from '../github/index.js';
import { createRedactor } from '../bot/redact-secrets.js';
import { createLog } from './create-log.js';

export type AppLog = Awaited<ReturnType<typeof createLog>>;

export interface AppProbotEnv {
  PRIVATE_KEY?: string | undefined;
  WEBHOOK_SECRET?: string | undefined;
  REDIS_URL?: string | undefined;
  KUBEMEND_REQUEST_TIMEOUT_MS: number;
}

/** The password in a Redis URL, if any: redacted from logs like the App's own secrets. */
function redisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

export type AppProbot = { ok: true; probot: Probot; log: AppLog } | { ok: false; error: string };

/** Creates them, or says why not (an unreadable private key: the message names the variable, never the key). */
export async function createAppProbot(env: AppProbotEnv): Promise<AppProbot> {
  let privateKey: string;
  try {
    privateKey = getPrivateKey({ env: process.env }) ?? '';
  } catch (err) {
    return { ok: false, error: `cannot read the private key: ${(err as Error).message}` };
  }
  const redact = createRedactor([env.WEBHOOK_SECRET, privateKey, env.PRIVATE_KEY, redisPassword(env.REDIS_URL)]);
  const log = await createLog({
    redact,
    ...(process.env.LOG_LEVEL ? { level: process.env.LOG_LEVEL } : {}),
    ...(process.env.LOG_FORMAT ? { format: process.env.LOG_FORMAT } : {}),
    levelInString: process.env.LOG_LEVEL_IN_STRING === 'true',
    ...(process.env.LOG_MESSAGE_KEY ? { messageKey: process.env.LOG_MESSAGE_KEY } : {}),
    ...(process.env.SENTRY_DSN ? { sentryDsn: process.env.SENTRY_DSN } : {}),
  });
  const policy = { timeoutMs: env.KUBEMEND_REQUEST_TIMEOUT_MS };
  const probot: Probot = createProbot({
    overrides: {
      log,
      privateKey,
      Octokit: reliableOctokit(ProbotOctokit, policy),
      request: reliableRequestOptions(policy),
    },
  });
  return { ok: true, probot, log };
}
