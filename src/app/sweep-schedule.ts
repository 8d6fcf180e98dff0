/**
 * Scheduled drift sweeps in `npm start` (GITHUB-NOTES: probot-scheduler is archived; an in-process cron).
 * `SWEEP_CRON` (UTC, croner syntax; empty: none) starts a run; each run first waits a random delay up to
 * `jitterMs`, so many deployments with the default pattern do not all reach GitHub in the same minute,
 * then queues one sweep job per repository (enqueue-sweeps.ts). A run still going when the next is due is
 * not doubled (croner's `protect`). With `claim` (Redis, bot/redis/run-claim.ts), several servers sharing
 * the queue run each occurrence once: the first to claim it queues the sweep, the others log and skip.
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
  /**
   * Claims an occurrence (its scheduled time) for this process; false when another process sharing the
   * queue claimed it first. Default: none (every occurrence is this process's).
   */
  claim?: (occurrence: Date) => Promise<boolean>;
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
  const job = new Cron(options.cron, { timezone: 'UTC', protect: true }, async (self: Cron) => {
    // The occurrence as the pattern schedules it (croner passes the moment it fired, which differs by
    // process): the latest scheduled time up to a second from now.
    const occurrence = self.previousRuns(1, new Date(Date.now() + 1000))[0] ?? new Date();
    if (options.claim) {
      const mine = await options.claim(occurrence).catch((err: unknown) => {
        options.log.error(
          { failure: describeError(err), occurrence },
          'scheduled sweep: cannot claim the run; skipped',
        );
        return false;
      });
      if (!mine) {
        options.log.info({ occurrence }, 'scheduled sweep: another server runs this occurrence');
        return;
      }
    }
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
