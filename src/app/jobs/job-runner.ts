/**
 * Runs one queued job with an installation client and accounts for it: the delivery ledger learns whether
 * it succeeded (a failed delivery may be redelivered and run again), a failure is logged and reported on
 * the repository (report-job-failure.ts), and the first success after a reported failure clears it.
 */
import type { Logger, Probot } from 'probot';
import type { GitHub } from '../../github/index.js';
import type { DeliveryLedger } from '../delivery-ledger.js';
import { describeError } from '../describe-error.js';
import { type RepoJob, deliveriesOf, repoKey } from '../queue/job-queue.js';
import { reportJobFailure, reportJobRecovered } from './report-job-failure.js';
import { type JobDeps, runRepoJob } from './run-repo-job.js';

export interface JobRunnerOptions {
  probot: Pick<Probot, 'auth'>;
  deps: JobDeps;
  ledger: DeliveryLedger;
  log: Logger;
}

function fieldsOf(job: RepoJob) {
  return { repo: `${job.owner}/${job.repo}`, delivery: job.deliveryId, folded: job.foldedDeliveryIds?.length ?? 0, kind: job.kind };
}

/** The queue's run function. It logs every job's outcome, and rejects when the job failed, after reporting it. */
export function createJobRunner(options: JobRunnerOptions): (job: RepoJob) => Promise<void> {
  const { probot, deps, ledger, log } = options;
  // Repositories whose failure was reported, with the commit the failing check is on (this process only).
  const reported = new Map<string, string>();

  async function report(gh: GitHub | undefined, job: RepoJob, err: unknown): Promise<void> {
    const fields = fieldsOf(job);
    log.error({ ...fields, failure: describeError(err) }, 'job failed after retries; reported, and runs again on redelivery or the next event');
    try {
      const client = gh ?? ((await probot.auth(job.installationId)) as GitHub);
      const sha = await reportJobFailure(client, job, err);
      if (sha) reported.set(repoKey(job), sha);
    } catch (reportErr) {
      log.error({ ...fields, failure: describeError(reportErr) }, 'could not report the failed job on the repository either');
    }
  }

  return async (job) => {
    let gh: GitHub | undefined;
    try {
      gh = (await probot.auth(job.installationId)) as GitHub;
      const result = await runRepoJob(gh, job, deps);
      log.info({ ...fieldsOf(job), outcome: result.outcome, ...result.stats, pullRequests: result.pullRequests }, 'job done');
    } catch (err) {
      await report(gh, job, err);
      for (const id of deliveriesOf(job)) ledger.settle(id, false);
      throw err;
    }
    for (const id of deliveriesOf(job)) ledger.settle(id, true);
    const failedOn = reported.get(repoKey(job));
    if (failedOn === undefined) return;
    reported.delete(repoKey(job));
    await reportJobRecovered(gh, { owner: job.owner, repo: job.repo }, failedOn, job.deliveryId).catch((err: unknown) =>
      log.warn({ repo: `${job.owner}/${job.repo}`, failure: describeError(err) }, 'could not mark the earlier failure as recovered'),
    );
  };
}
