/**
 * Webhook payloads for slash-command and review tests, from @octokit/webhooks-examples, changed only where
 * the test needs its own values (pull request number, head, comment text, author), every field keeping
 * its shape. All are about the examples' repository, Codertocat/Hello-World (default branch `master`).
 */
import { example, exampleAt as exampleAtIndex } from '../app/payloads.js';
import type { FakePull } from '../github/fake-github.js';

const withInstallation = (event: string, action: string) => {
  for (let i = 0; ; i++) {
    const p = exampleNth(event, action, i);
    if (p.installation) return p;
  }
};

function exampleNth(event: string, action: string, n: number): Record<string, any> {
  let seen = 0;
  for (let i = 0; i < 50; i++) {
    const p = exampleSafe(event, i);
    if (!p) break;
    if (p.action === action && seen++ === n) return p;
  }
  throw new Error(`no example ${n} of ${event}.${action}`);
}

function exampleSafe(event: string, i: number): Record<string, any> | undefined {
  try {
    return exampleAtIndex(event, i);
  } catch {
    return undefined;
  }
}

export const REPO = example('pull_request', 'opened').repository as {
  name: string;
  owner: { login: string };
  default_branch: string;
  full_name: string;
};

/** `pull_request.<action>` for `pr` of the fake. */
export function pullRequestPayload(
  action: 'opened' | 'synchronize' | 'reopened',
  pr: FakePull,
  owner = REPO.owner.login,
  repo = REPO.name,
): Record<string, any> {
  const p = withInstallation('pull_request', action);
  p.pull_request.number = pr.number;
  p.number = pr.number;
  p.pull_request.head.ref = pr.head;
  p.pull_request.head.sha = pr.headSha;
  p.pull_request.head.repo.full_name = pr.fromFork ? `fork/${repo}` : `${owner}/${repo}`;
  p.pull_request.user.login = pr.user.login;
  p.pull_request.user.type = pr.user.type;
  return p;
}

/** `issue_comment.<action>` of `body` by `login` (type `User` unless it ends in `[bot]`) on issue or pull request `number`. */
export function commentPayload(opts: {
  body: string;
  login: string;
  number: number;
  commentId: number;
  onPullRequest: boolean;
  action?: 'created' | 'edited' | 'deleted';
}): Record<string, any> {
  const p = example('issue_comment', opts.action ?? 'created');
  p.installation = withInstallation('issue_comment', 'created').installation;
  p.comment.body = opts.body;
  p.comment.id = opts.commentId;
  p.comment.user.login = opts.login;
  p.comment.user.type = opts.login.endsWith('[bot]') ? 'Bot' : 'User';
  p.issue.number = opts.number;
  p.sender.login = opts.login;
  if (opts.onPullRequest) {
    const url = `https://api.github.com/repos/${REPO.full_name}/pulls/${opts.number}`;
    p.issue.pull_request = {
      url,
      html_url: `https://github.com/${REPO.full_name}/pull/${opts.number}`,
      diff_url: `${url}.diff`,
      patch_url: `${url}.patch`,
      merged_at: null,
    };
  } else delete p.issue.pull_request;
  return p;
}

/** `check_run.requested_action` on kubemend's check run `checkRunId` for `pr`, pressed by `login`. */
export function actionPayload(opts: {
  identifier: string;
  login: string;
  pr: FakePull;
  checkRunId: number;
}): Record<string, any> {
  const p = example('check_run', 'requested_action');
  const repository = example('pull_request', 'opened').repository;
  p.repository = repository;
  p.installation = withInstallation('pull_request', 'opened').installation;
  p.check_run.id = opts.checkRunId;
  p.check_run.name = 'kubemend';
  p.check_run.head_sha = opts.pr.headSha;
  p.check_run.pull_requests = [
    {
      url: '',
      id: opts.pr.number,
      number: opts.pr.number,
      head: { ref: opts.pr.head, sha: opts.pr.headSha, repo: { id: 1, url: '', name: REPO.name } },
      base: { ref: REPO.default_branch, sha: '0'.repeat(40), repo: { id: 1, url: '', name: REPO.name } },
    },
  ];
  p.requested_action = { identifier: opts.identifier };
  p.sender.login = opts.login;
  return p;
}
