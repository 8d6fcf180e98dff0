/**
 * A repository (or its organisation) can forbid workflows to open pull requests: GitHub then answers the
 * create with 403 "GitHub Actions is not permitted to create or approve pull requests." A job token
 * without `pull-requests: write` gets a 403 there too. Either way the fix is in the repository's settings or
 * the workflow, so the step ends with one line that says where, instead of a stack trace.
 * https://docs.github.com/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository#preventing-github-actions-from-creating-or-approving-pull-requests
 */
import { isStatus } from '../github/index.js';
import { ActionError } from './action-error.js';

export const FORBIDDEN_LINE =
  'GitHub refused to let this workflow open the pull request (403). Enable Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests" (for an organisation, in its settings too), and give the job `permissions: pull-requests: write, contents: write`.';

/** The ActionError for a 403 answer to `POST /repos/{owner}/{repo}/pulls`; undefined for anything else. */
export function forbiddenPullRequest(err: unknown): ActionError | undefined {
  if (!isStatus(err, 403)) return undefined;
  const request = (err as { request?: { method?: string; url?: string } }).request;
  if (
    request?.method !== 'POST' ||
    !/\/repos\/[^/]+\/[^/]+\/pulls$/.test(new URL(request.url ?? '', 'http://x').pathname)
  )
    return undefined;
  return new ActionError('pull-requests-forbidden', FORBIDDEN_LINE);
}
