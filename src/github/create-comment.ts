import type { GitHub, RepoRef } from './types.js';

/**
 * Comments on an issue or pull request. The body must already be escaped by the caller (src/report).
 * `retry: false` turns the client's automatic retries off for this request: a comment is not idempotent,
 * so a caller that can check whether it landed retries itself. Default: true.
 */
export async function createComment(
  gh: GitHub,
  repo: RepoRef,
  number: number,
  body: string,
  options: { retry?: boolean } = {},
): Promise<void> {
  await gh.rest.issues.createComment({
    ...repo,
    issue_number: number,
    body,
    ...(options.retry === false ? { request: { retries: 0 } } : {}),
  });
}
