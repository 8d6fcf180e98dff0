/**
 * `kubemend sweep` once its arguments and environment are valid: the App's Probot (create-app-probot.ts),
 * the sweep state (a file, Redis, or this run's memory), the repository lock and write pacer (Redis's when
 * REDIS_URL is set, so a sweep never runs beside a worker's job on the same repository nor past the App's
 * shared write budget), then one sweep over the installations and its summary.
 */
import type { BotDeps } from '../../bot/deps.js';
import { createDefaultEngine } from '../../bot/default-engine.js';
import { createInProcessLock } from '../../bot/in-process/lock.js';
import { createWritePacer } from '../../bot/in-process/pacer.js';
import type { SweepJob } from '../../bot/jobs.js';
import { connectRedis } from '../../bot/redis/connect-redis.js';
import { runJob } from '../../bot/run-job.js';
import {
  type SweepOutcome,
  type SweepState,
  createMemorySweepState,
  createRedisSweepState,
  formatSummary,
  loadSweepStateFile,
  sweepInstallations,
} from '../../bot/sweep/index.js';
import { type GitHub, getAppBotLogin } from '../../github/index.js';
import { type AppLog, createAppProbot } from '../create-app-probot.js';
import { redisAppOptions } from '../redis-app-options.js';
import type { SweepEnv } from '../env.js';
import type { SweepArgs, SweepIo } from './sweep-types.js';

interface Hosted {
  state: SweepState;
  lock: BotDeps['lock'];
  pacer: BotDeps['pacer'];
  close(): Promise<void>;
}

/** The ports: with REDIS_URL the App's shared ones (no workers started here), else this process's. */
async function host(env: SweepEnv, args: SweepArgs, log: AppLog): Promise<Hosted> {
  const fileState = args.state ? await loadSweepStateFile(args.state) : undefined;
  if (!env.REDIS_URL)
    return {
      state: fileState ?? createMemorySweepState(),
      lock: createInProcessLock(),
      pacer: createWritePacer(env.KUBEMEND_WRITE_DELAY_MS),
      close: async () => undefined,
    };
  const redis = await redisAppOptions({
    url: env.REDIS_URL,
    appId: env.APP_ID,
    log,
    workerConcurrency: 0,
    writesPerMinute: env.KUBEMEND_WRITES_PER_MINUTE,
    jobLockMs: env.KUBEMEND_JOB_LOCK_MS,
    prefix: env.KUBEMEND_REDIS_PREFIX,
  });
  const conn = fileState ? undefined : await connectRedis({ url: env.REDIS_URL, name: 'kubemend-sweep' });
  return {
    state: conn
      ? createRedisSweepState({ redis: conn, prefix: env.KUBEMEND_REDIS_PREFIX })
      : (fileState ?? createMemorySweepState()),
    lock: redis.appOptions.lock,
    pacer: redis.appOptions.pacer,
    close: async () => {
      await redis.close();
      await conn?.quit().catch(() => conn.disconnect());
    },
  };
}

export async function sweepWithApp(env: SweepEnv, args: SweepArgs, io: SweepIo): Promise<number> {
  const created = await createAppProbot(env);
  if (!created.ok) {
    io.stderr(`kubemend sweep: ${created.error}\n`);
    return 1;
  }
  const { probot, log } = created;
  let hosted: Hosted;
  try {
    hosted = await host(env, args, log);
  } catch (err) {
    // SweepStateFileError names the file; RedisUnavailableError the host, never the password.
    io.stderr(`kubemend sweep: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    const app = (await probot.auth()) as unknown as GitHub;
    const installation = async (id: number) => (await probot.auth(id)) as unknown as GitHub;
    let login: Promise<string> | undefined;
    const deps: BotDeps = {
      github: (job) => installation(job.installationId),
      engine: createDefaultEngine(),
      pacer: hosted.pacer,
      lock: hosted.lock,
      log,
      botLogin: () => (login ??= getAppBotLogin(app)),
      sweepState: hosted.state,
    };
    const summary = await sweepInstallations({
      app,
      installation,
      sweepOne: (job: SweepJob) => runJob(job, deps) as Promise<SweepOutcome>,
      trigger: 'cli',
      only: {
        ...(args.installation !== undefined ? { installationId: args.installation } : {}),
        ...(args.repo ? { repository: args.repo } : {}),
      },
      dryRun: args.dryRun,
      log,
    });
    if (!args.dryRun) await hosted.state.flush?.();
    io.stdout(formatSummary(summary, args.dryRun));
    return summary.errors.length > 0 ? 1 : 0;
  } catch (err) {
    // Listing the installations failed (the App's key, GitHub unreachable): nothing was swept.
    io.stderr(`kubemend sweep: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await hosted.close();
  }
}
