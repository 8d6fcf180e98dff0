/**
 * `issue_comment.created`: the `/kubemend` lines of a new comment become command jobs, one per line, in
 * order. Edited and deleted comments are not commands (an edit must not re-run or change a command that
 * ran); a comment without a command line costs no request. Who may command is decided when the job runs.
 */
import type { Context } from 'probot';
import { parseCommands } from '../../bot/commands/parse-commands.js';
import type { CommandJob } from '../../bot/jobs.js';
import { jobBase } from './job-base.js';

type Payload = Context<'issue_comment.created'>['payload'];

/** The command jobs of a comment (without `headSha`: the handler pins it for pull requests). */
export function commandJobs(payload: Payload, deliveryId: string): CommandJob[] {
  const base = jobBase(payload, deliveryId);
  if (!base || payload.action !== 'created') return [];
  const { issue, comment } = payload;
  return parseCommands(comment.body ?? '').map((c) => ({
    kind: 'command',
    ...base,
    command: { name: c.name, args: c.args, line: c.line },
    issueNumber: issue.number,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    commentId: comment.id,
    actor: comment.user?.login ?? '',
  }));
}
