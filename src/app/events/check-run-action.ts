/**
 * `check_run.requested_action`: a button on kubemend's review check run was pressed. It becomes the
 * command job of that action, pinned to the check run's head commit, for the person who pressed it; the
 * same permission rules as typed commands apply when it runs (GitHub sends the event only to the App that
 * made the run).
 */
import type { Context } from 'probot';
import { ACTION_IDS } from '../../bot/commands/registry.js';
import type { CommandJob } from '../../bot/jobs.js';
import { REVIEW_CHECK_NAME } from '../../bot/review/write-review-check.js';
import { jobBase } from './job-base.js';

type Payload = Context<'check_run.requested_action'>['payload'];

export function actionJob(payload: Payload, deliveryId: string): CommandJob | undefined {
  const base = jobBase(payload, deliveryId);
  const run = payload.check_run;
  const action = ACTION_IDS[payload.requested_action?.identifier ?? ''];
  const pull = run.pull_requests[0];
  if (!base || !action || !pull || run.name !== REVIEW_CHECK_NAME) return undefined;
  return {
    kind: 'command',
    ...base,
    command: { name: action, args: [], line: `/kubemend ${action}` },
    issueNumber: pull.number,
    isPullRequest: true,
    actor: payload.sender.login,
    headSha: run.head_sha,
  };
}
