/**
 * `npm start`: the App as a plain Node process. The environment is validated first (one schema, errors
 * naming what to set). Probot is created from the same variables (GitHub Enterprise Server through
 * `GHE_HOST` / `GHE_PROTOCOL` unchanged) with the App's GitHub client (retries, rate limits, deadlines:
 * src/github/reliable-octokit.ts) and a logger that redacts secrets; webhooks arrive through kubemend's own
 * server (webhook-server.ts), which bounds what a request may cost before its signature is checked.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getPrivateKey } from '@probot/get-private-key';
import { type Probot, ProbotOctokit, createProbot } from 'probot';
import { reliableOctokit, reliableRequestOptions } from '../github/index.js';
import { createLog } from './create-log.js';
import { createDefaultEngine } from '../bot/default-engine.js';
import { type AppEnv, parseEnv } from './env.js';
import { type KubemendApp, createKubemendApp } from './index.js';
import { createRedactor } from '../bot/redact-secrets.js';
import { createWebhookServer } from './webhook-server.js';

/** How long a stop (SIGTERM, SIGINT) waits for queued jobs before exiting. */
const SHUTDOWN_GRACE_MS = 25_000;

type Log = Awaited<ReturnType<typeof createLog>>;

/** Forwards smee.io deliveries to the server when WEBHOOK_PROXY_URL is set (local development only). */
async function startProxy(url: string, target: string, log: Log): Promise<void> {
  const name = 'smee-client';
  try {
    const { SmeeClient } = (await import(name)) as { SmeeClient: new (o: object) => { start(): Promise<unknown> } };
    await new SmeeClient({ source: url, target, logger: log }).start();
    log.info({ target }, 'forwarding webhooks from the smee.io channel');
  } catch {
    log.warn(`WEBHOOK_PROXY_URL is set but smee-client is not installed: run \`npx smee-client --url ${url} --target ${target}\` beside kubemend`);
  }
}

function stopOnSignal(server: Server, kubemend: KubemendApp, log: Log): void {
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping: no new webhooks; waiting for queued jobs');
    server.close();
    const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    void Promise.race([kubemend.onIdle(), grace]).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function start(env: AppEnv): Promise<void> {
  let privateKey: string;
  try {
    privateKey = getPrivateKey({ env: process.env }) ?? '';
  } catch (err) {
    // The library's messages name the variable, never the key.
    process.stderr.write(`kubemend: cannot read the private key: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const redact = createRedactor([env.WEBHOOK_SECRET, privateKey, env.PRIVATE_KEY]);
  const log = await createLog({
    redact,
    ...(process.env.LOG_LEVEL ? { level: process.env.LOG_LEVEL } : {}),
    ...(process.env.LOG_FORMAT ? { format: process.env.LOG_FORMAT } : {}),
    levelInString: process.env.LOG_LEVEL_IN_STRING === 'true',
    ...(process.env.LOG_MESSAGE_KEY ? { messageKey: process.env.LOG_MESSAGE_KEY } : {}),
    ...(process.env.SENTRY_DSN ? { sentryDsn: process.env.SENTRY_DSN } : {}),
  });
  const policy = { timeoutMs: env.KUBEMEND_REQUEST_TIMEOUT_MS };
  const probot: Probot = createProbot({ overrides: { log, privateKey, Octokit: reliableOctokit(ProbotOctokit, policy), request: reliableRequestOptions(policy) } });
  const kubemend = createKubemendApp({ engine: createDefaultEngine(), concurrency: env.KUBEMEND_CONCURRENCY, writeDelayMs: env.KUBEMEND_WRITE_DELAY_MS });
  await probot.load(kubemend.app);
  const path = env.WEBHOOK_PATH ?? '/api/github/webhooks';
  const server = createWebhookServer({ secret: env.WEBHOOK_SECRET, path, log, receive: (event) => probot.receive(event as Parameters<Probot['receive']>[0]) });
  // Probot's default: localhost unless HOST is set (containers need HOST=0.0.0.0).
  const host = env.HOST ?? 'localhost';
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(Number(env.PORT ?? 3000), host, resolve));
  const { port } = server.address() as AddressInfo;
  log.info({ host, port, path }, 'kubemend listening');
  if (process.env.WEBHOOK_PROXY_URL) await startProxy(process.env.WEBHOOK_PROXY_URL, `http://${host}:${port}${path}`, log);
  stopOnSignal(server, kubemend, log);
}

async function main(): Promise<void> {
  // Load `.env` first so validation sees what Probot would (set variables win).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    process.stderr.write(`kubemend: cannot start, fix the environment (see docs/app.md and .env.example):\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  await start(parsed.env);
}

await main();
