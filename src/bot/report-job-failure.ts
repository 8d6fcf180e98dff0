/**
 * A job that fails after the client's retries is never dropped silently: it is logged, and reported on the
 * repository as a failing check run, *kubemend / run*, on the head of the branch the job worked on. When a
 * later job on the same repository succeeds, the same check is completed as a success on that commit, so a
 * transient outage does not leave a red mark behind.
 * https://docs.github.com/rest/checks/runs#create-a-check-run
 */
import { type GitHub, type RepoRef, createCheckRun, getBranchHead, getDefaultBranch } from '../github/index.js';
import { escapeMarkdown } from '../report/escape-markdown.js';
import { type FailureFacts, describeError } from './describe-error.js';
import type { Job } from './jobs.js';

export const RUN_CHECK_NAME = 'kubemend / run';

function folded(job: Job): string {
  const n = job.foldedDeliveryIds?.length ?? 0;
  return n === 0 ? '' : ` and ${n} more folded into it`;
}

function what(facts: FailureFacts): string {
  if (facts.request)
    return `GitHub answered ${facts.status ?? 'with an error'} to ${facts.request} (after retries): ${facts.message}`;
  return facts.message;
}

/** The failing check run; returns the commit it was put on. Throws when GitHub cannot be reached either (the caller logs that). */
export async function reportJobFailure(gh: GitHub, job: Job, err: unknown): Promise<string | undefined> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const branch = job.baseBranch || (await getDefaultBranch(gh, repo));
  const sha = await getBranchHead(gh, repo, branch);
  if (sha === undefined) return undefined;
  const summary = [
    `kubemend could not finish a run on this repository (${job.kind} job, delivery ${escapeMarkdown(job.deliveryId)}${folded(job)}).`,
    '',
    `- What failed: ${escapeMarkdown(what(describeError(err)))}`,
    '',
    'Nothing a cut-short run leaves blocks the next one: a branch without its pull request is adopted or',
    'replaced, a pull request already open is updated, missing labels are added back. kubemend runs again on',
    "the next event for this repository, or when this delivery is redelivered (the App's settings → Advanced →",
    'Recent Deliveries → Redeliver).',
  ].join('\n');
  await createCheckRun(gh, repo, {
    name: RUN_CHECK_NAME,
    headSha: sha,
    conclusion: 'failure',
    title: 'kubemend could not finish its run',
    summary,
    externalId: `kubemend-run:${job.deliveryId}`,
  });
  return sha;
}

/** Completes the check as a success on `sha`, where a failure was reported earlier. */
export async function reportJobRecovered(gh: GitHub, repo: RepoRef, sha: string, deliveryId: string): Promise<void> {
  await createCheckRun(gh, repo, {
    name: RUN_CHECK_NAME,
    headSha: sha,
    conclusion: 'success',
    title: 'kubemend completed a later run',
    summary: `A later run (delivery ${escapeMarkdown(deliveryId)}) on this repository completed, after an earlier one failed here.`,
    externalId: `kubemend-run:${deliveryId}`,
  });
}
