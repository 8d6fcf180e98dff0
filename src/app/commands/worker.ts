/**
 * `kubemend worker`: runs the App's queued jobs from Redis, beside the webhook server (`npm start`) and any
 * number of other workers. It reads the same environment as the server (APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, GHE_HOST, ..., and `.env`), needs REDIS_URL, and no webhook secret: it receives no
 * webhooks. It is the App without its HTTP server, so a job runs exactly as it would in the server.
 * SIGTERM or SIGINT lets the running jobs finish (the queued ones stay in Redis for the other workers).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type WorkerEnv, parseWorkerEnv } from '../env.js';

/** Where the command writes (the CLI's io has this shape). */
export interface WorkerIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const WORKER_HELP = `Usage: kubemend worker [--concurrency N]

Runs the GitHub App's queued jobs from Redis (REDIS_URL), beside the webhook server
(npm start) and any number of other workers; each repository runs in one place at a time.
Reads the App's environment as npm start does (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
GHE_HOST, GHE_PROTOCOL, KUBEMEND_WRITES_PER_MINUTE, ... and .env); no webhook secret.
SIGTERM or SIGINT lets the running jobs finish; queued ones stay in Redis.

  --concurrency N   jobs run at once by this process (default: KUBEMEND_CONCURRENCY, 4)
  -h, --help        this help

Exit codes: 0 stopped by a signal, 1 cannot start (environment, Redis), 2 usage error.
See docs/app.md, "Running with Redis in production".
`;

/** How long a stop waits for the running jobs. */
const SHUTDOWN_GRACE_MS = 25_000;

function parseWorkerArgs(argv: string[]): { concurrency?: number; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.concurrency === undefined) return { help: values.help ?? false };
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error(`--concurrency must be a whole number from 1 to 64, got '${values.concurrency}'`);
  return { concurrency, help: values.help ?? false };
}

/** Runs until a signal stops it; resolves with the exit code. */
export async function runWorker(argv: string[], io: WorkerIo): Promise<number> {
  let args: ReturnType<typeof parseWorkerArgs>;
  try {
    args = parseWorkerArgs(argv);
  } catch (err) {
    io.stderr(`kubemend worker: ${(err as Error).message} (see kubemend worker --help)\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(WORKER_HELP);
    return 0;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = parseWorkerEnv(process.env);
  if (!parsed.ok) {
    io.stderr(
      `kubemend worker: cannot start, fix the environment (see docs/app.md and .env.example):\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`,
    );
    return 1;
  }
  return startWorker(parsed.env, args.concurrency ?? parsed.env.KUBEMEND_CONCURRENCY, io);
}

/** Loaded only once the arguments and environment are valid: `--help` answers without the App. */
async function startWorker(env: WorkerEnv, concurrency: number, io: WorkerIo): Promise<number> {
  const [{ createAppProbot }, { redisAppOptions }, { createKubemendApp }, { createDefaultEngine }] = await Promise.all([
    import('../create-app-probot.js'),
    import('../redis-app-options.js'),
    import('../index.js'),
    import('../../bot/default-engine.js'),
  ]);
  const created = await createAppProbot(env);
  if (!created.ok) {
    io.stderr(`kubemend worker: ${created.error}\n`);
    return 1;
  }
  const { probot, log } = created;
  let redis: Awaited<ReturnType<typeof redisAppOptions>>;
  try {
    redis = await redisAppOptions({
      url: env.REDIS_URL,
      appId: env.APP_ID,
      log,
      workerConcurrency: concurrency,
      writesPerMinute: env.KUBEMEND_WRITES_PER_MINUTE,
      jobLockMs: env.KUBEMEND_JOB_LOCK_MS,
      prefix: env.KUBEMEND_REDIS_PREFIX,
    });
  } catch (err) {
    io.stderr(`kubemend worker: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  await probot.load(createKubemendApp({ engine: createDefaultEngine(), ...redis.appOptions }).app);
  log.info({ concurrency, pid: process.pid }, 'kubemend worker running');
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  log.info({ signal }, 'worker stopping: running jobs finish, queued ones stay in Redis');
  const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
  await Promise.race([redis.close(), grace]);
  return 0;
}
