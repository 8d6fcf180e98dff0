/**
 * `pull_request` opened, synchronize (a push) and reopened: review mode on the new head, unless the pull
 * request is kubemend's own (its lifecycle handles those) or closed. One job per head commit.
 */
import type { Context } from 'probot';
import type { PrCheckJob } from '../../bot/jobs.js';
import { jobBase } from './job-base.js';

export const REVIEW_ACTIONS = ['opened', 'synchronize', 'reopened'] as const;

type Payload = Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened'>['payload'];

/** The review job, or undefined when there is nothing to review. `botLogin` is the App's own login. */
export function prCheckJob(payload: Payload, deliveryId: string, botLogin: string): PrCheckJob | undefined {
  const base = jobBase(payload, deliveryId);
  const pr = payload.pull_request;
  if (!base || pr.state !== 'open' || pr.user?.login === botLogin) return undefined;
  return {
    kind: 'pr-check',
    ...base,
    pullNumber: pr.number,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    fromFork: pr.head.repo?.full_name !== payload.repository.full_name,
  };
}
