/**
 * `pull_request` opened, synchronize (a push) and reopened: review mode on the new head, unless the pull
 * request is kubemend's own (its lifecycle handles those) or closed. One job per head commit.
 */
import type { Context } from 'probot';
import type { PrCheckJob } from '../../bot/jobs.js';

export const REVIEW_ACTIONS = ['opened', 'synchronize', 'reopened'] as const;

type Payload = Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened'>['payload'];

/** The review job, or undefined when there is nothing to review. `botLogin` is the App's own login. */
export function prCheckJob(payload: Payload, deliveryId: string, botLogin: string): PrCheckJob | undefined {
  const installationId = payload.installation?.id;
  const pr = payload.pull_request;
  if (installationId === undefined || pr.state !== 'open' || pr.user?.login === botLogin) return undefined;
  const { repository } = payload;
  return {
    kind: 'pr-check',
    installationId,
    owner: repository.owner.login,
    repo: repository.name,
    baseBranch: repository.default_branch,
    deliveryId,
    pullNumber: pr.number,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    fromFork: pr.head.repo?.full_name !== repository.full_name,
  };
}
