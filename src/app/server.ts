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
import type { Probot } from 'probot';
import { createDefaultEngine } from '../bot/default-engine.js';
import { type AppLog, createAppProbot } from './create-app-probot.js';
import { type AppEnv, parseEnv } from './env.js';
import { createKubemendApp } from './index.js';
import { type RedisApp, redisAppOptions } from './redis-app-options.js';
import { createWebhookServer } from './webhook-server.js';
import { startSweepSchedule } from './sweep-schedule.js';
import { createRedisSweepState } from '../bot/sweep/index.js';
import { connectRedis } from '../bot/redis/connect-redis.js';
import { createRunClaim } from '../bot/redis/run-claim.js';
import type { GitHub } from '../github/index.js';

/** How long a stop (SIGTERM, SIGINT) waits for queued jobs before exiting. */
const SHUTDOWN_GRACE_MS = 25_000;

type Log = AppLog;

/** Forwards smee.io deliveries to the server when WEBHOOK_PROXY_URL is set (local development only). */
async function startProxy(url: string, target: string, log: Log): Promise<void> {
  const name = 'smee-client';
  try {
    const { SmeeClient } = (await import(name)) as { SmeeClient: new (o: object) => { start(): Promise<unknown> } };
    await new SmeeClient({ source: url, target, logger: log }).start();
    log.info({ target }, 'forwarding webhooks from the smee.io channel');
  } catch {
    log.warn(
      `WEBHOOK_PROXY_URL is set but smee-client is not installed: run \`npx smee-client --url ${url} --target ${target}\` beside kubemend`,
    );
  }
}

/** `drain`: in one process, every queued job finishes; with Redis, the jobs running here (the rest stay queued). */
function stopOnSignal(server: Server, drain: () => Promise<void>, log: Log): void {
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping: no new webhooks; waiting for queued jobs');
    server.close();
    const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    void Promise.race([drain(), grace]).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** With `REDIS_URL`: the ports on Redis, and workers in this process unless `KUBEMEND_WORKERS=0`. */
function withRedis(env: AppEnv, log: Log): Promise<RedisApp> | undefined {
  if (!env.REDIS_URL) return undefined;
  const workerConcurrency = env.KUBEMEND_WORKERS === '0' ? 0 : env.KUBEMEND_CONCURRENCY;
  return redisAppOptions({
    url: env.REDIS_URL,
    appId: env.APP_ID,
    log,
    workerConcurrency,
    writesPerMinute: env.KUBEMEND_WRITES_PER_MINUTE,
    jobLockMs: env.KUBEMEND_JOB_LOCK_MS,
    prefix: env.KUBEMEND_REDIS_PREFIX,
  });
}

async function start(env: AppEnv): Promise<void> {
  const created = await createAppProbot(env);
  if (!created.ok) {
    process.stderr.write(`kubemend: ${created.error}\n`);
    process.exitCode = 1;
    return;
  }
  const { probot, log } = created;
  let redis: RedisApp | undefined;
  try {
    redis = await withRedis(env, log);
  } catch (err) {
    // RedisUnavailableError: the message names the host, never the password.
    process.stderr.write(`kubemend: cannot start: ${(err as Error).message}\n`);
    // Probot's request throttling also connects to REDIS_URL and would keep the process alive retrying.
    process.exit(1);
  }
  // With Redis, what sweeps remember is shared by every worker (its own connection: the ports' is theirs).
  const sweepRedis =
    env.REDIS_URL && redis ? await connectRedis({ url: env.REDIS_URL, name: 'kubemend-sweep-state' }) : undefined;
  const sweepState = sweepRedis
    ? createRedisSweepState({ redis: sweepRedis, prefix: env.KUBEMEND_REDIS_PREFIX })
    : undefined;
  const kubemend = createKubemendApp({
    engine: createDefaultEngine(),
    concurrency: env.KUBEMEND_CONCURRENCY,
    writeDelayMs: env.KUBEMEND_WRITE_DELAY_MS,
    ...redis?.appOptions,
    ...(sweepState ? { sweepState } : {}),
  });
  await probot.load(kubemend.app);
  const path = env.WEBHOOK_PATH ?? '/api/github/webhooks';
  const server = createWebhookServer({
    secret: env.WEBHOOK_SECRET,
    path,
    log,
    receive: (event) => probot.receive(event as Parameters<Probot['receive']>[0]),
  });
  // Probot's default: localhost unless HOST is set (containers need HOST=0.0.0.0).
  const host = env.HOST ?? 'localhost';
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(Number(env.PORT ?? 3000), host, resolve),
  );
  const { port } = server.address() as AddressInfo;
  log.info({ host, port, path }, 'kubemend listening');
  if (process.env.WEBHOOK_PROXY_URL)
    await startProxy(process.env.WEBHOOK_PROXY_URL, `http://${host}:${port}${path}`, log);
  if (redis) log.info({ workers: env.KUBEMEND_WORKERS === '0' ? 0 : env.KUBEMEND_CONCURRENCY }, 'jobs queued in Redis');
  const schedule = startSweepSchedule({
    cron: env.SWEEP_CRON,
    app: async () => (await probot.auth()) as unknown as GitHub,
    installation: async (id) => (await probot.auth(id)) as unknown as GitHub,
    enqueue: kubemend.enqueue,
    log,
    // Several servers sharing Redis sweep each occurrence once.
    ...(sweepRedis ? { claim: createRunClaim({ redis: sweepRedis, prefix: env.KUBEMEND_REDIS_PREFIX }) } : {}),
  });
  stopOnSignal(
    server,
    () => {
      schedule?.stop();
      return redis ? redis.close() : kubemend.onIdle();
    },
    log,
  );
}

async function main(): Promise<void> {
  // Load `.env` first so validation sees what Probot would (set variables win).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    process.stderr.write(
      `kubemend: cannot start, fix the environment (see docs/app.md and .env.example):\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`,
    );
    process.exitCode = 1;
    return;
  }
  await start(parsed.env);
}

await main();
