/**
 * Runs one queued job and accounts for it: the delivery ledger learns whether it succeeded (a failed
 * delivery may be redelivered and run again), a failure is logged and reported on the repository
 * (report-job-failure.ts), and the first success after a reported failure clears it.
 */
import type { Logger } from 'pino';
import type { GitHub } from '../github/index.js';
import { describeError } from './describe-error.js';
import { type Job, deliveriesOf, repoKey } from './jobs.js';
import type { DeliveryLedger, RunJob } from './ports.js';
import { reportJobFailure, reportJobRecovered } from './report-job-failure.js';
import { type BotDeps, type JobHandlers, runJob } from './run-job.js';

export interface JobRunnerOptions {
  deps: BotDeps;
  ledger: DeliveryLedger;
  log: Logger;
  /** Handlers by job kind. Default: the repository sync (findings, scan, recheck, sweep). */
  handlers?: JobHandlers;
}

function fieldsOf(job: Job) {
  return {
    repo: `${job.owner}/${job.repo}`,
    delivery: job.deliveryId,
    folded: job.foldedDeliveryIds?.length ?? 0,
    kind: job.kind,
  };
}

/** The queue's run function. It logs every job's outcome, and rejects when the job failed, after reporting it. */
export function createJobRunner(options: JobRunnerOptions): RunJob {
  const { deps, ledger, log } = options;
  // Repositories whose failure was reported, with the commit the failing check is on (this process only).
  const reported = new Map<string, string>();

  async function report(job: Job, err: unknown): Promise<void> {
    const fields = fieldsOf(job);
    log.error(
      { ...fields, failure: describeError(err) },
      'job failed after retries; reported, and runs again on redelivery or the next event',
    );
    try {
      const sha = await reportJobFailure(await deps.github(job), job, err);
      if (sha) reported.set(repoKey(job), sha);
    } catch (reportErr) {
      log.error(
        { ...fields, failure: describeError(reportErr) },
        'could not report the failed job on the repository either',
      );
    }
  }

  return async (job) => {
    try {
      const result = await runJob(job, deps, options.handlers);
      log.info(
        { ...fieldsOf(job), outcome: result.outcome, ...result.stats, pullRequests: result.pullRequests },
        'job done',
      );
    } catch (err) {
      await report(job, err);
      for (const id of deliveriesOf(job)) await ledger.settle(id, false);
      throw err;
    }
    for (const id of deliveriesOf(job)) await ledger.settle(id, true);
    const failedOn = reported.get(repoKey(job));
    if (failedOn === undefined) return;
    reported.delete(repoKey(job));
    let gh: GitHub;
    try {
      gh = await deps.github(job);
      await reportJobRecovered(gh, { owner: job.owner, repo: job.repo }, failedOn, job.deliveryId);
    } catch (err) {
      log.warn(
        { repo: `${job.owner}/${job.repo}`, failure: describeError(err) },
        'could not mark the earlier failure as recovered',
      );
    }
  };
}
