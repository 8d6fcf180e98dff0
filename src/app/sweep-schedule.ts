/**
 * Scheduled drift sweeps in `npm start` (GITHUB-NOTES: probot-scheduler is archived; an in-process cron).
 * `SWEEP_CRON` (UTC, croner syntax; empty: none) starts a run; each run first waits a random delay up to
 * `jitterMs`, so many deployments with the default pattern do not all reach GitHub in the same minute,
 * then queues one sweep job per repository (enqueue-sweeps.ts). A run still going when the next is due is
 * not doubled (croner's `protect`).
 */
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { describeError } from '../bot/describe-error.js';
import { enqueueSweeps } from '../bot/sweep/index.js';
import type { Job } from '../bot/jobs.js';
import type { GitHub } from '../github/index.js';

export interface SweepScheduleOptions {
  /** The cron pattern (validated by env.ts); empty: no schedule. */
  cron: string;
  /** Largest random delay before a run. Default: 15 minutes. */
  jitterMs?: number;
  app: () => Promise<GitHub>;
  installation: (id: number) => Promise<GitHub>;
  enqueue: (job: Job) => Promise<void>;
  log: Logger;
}

export interface SweepSchedule {
  /** When the next run starts (before its jitter); undefined when stopped. */
  next(): Date | undefined;
  stop(): void;
}

/** Starts the schedule; undefined when `cron` is empty. */
export function startSweepSchedule(options: SweepScheduleOptions): SweepSchedule | undefined {
  if (options.cron === '') return undefined;
  const jitter = options.jitterMs ?? 15 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  const job = new Cron(options.cron, { timezone: 'UTC', protect: true }, async () => {
    await new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.floor(Math.random() * jitter)).unref()));
    // No ':' in delivery ids: they may become keys and job ids in Redis.
    const deliveryPrefix = `sweep-${Date.now().toString(36)}`;
    try {
      const queued = await enqueueSweeps({
        app: await options.app(),
        installation: options.installation,
        enqueue: options.enqueue,
        deliveryPrefix,
        log: options.log,
      });
      options.log.info({ queued, deliveryPrefix }, 'scheduled sweep queued');
    } catch (err) {
      options.log.error(
        { failure: describeError(err) },
        'scheduled sweep could not list the installations; the next run tries again',
      );
    }
  });
  options.log.info(
    { cron: options.cron, next: job.nextRun()?.toISOString(), jitterMs: jitter },
    'drift sweeps scheduled',
  );
  return {
    next: () => job.nextRun() ?? undefined,
    stop: () => {
      job.stop();
      if (timer) clearTimeout(timer);
    },
  };
}
