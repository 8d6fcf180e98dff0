import { type IssueInfo, type RawIssue, toIssueInfo } from './to-issue-info.js';
import type { GitHub, RepoRef } from './types.js';

/**
 * Opens an issue. The body must already be escaped by the caller (src/report). Not retried automatically
 * (`retries: 0`): a create is not idempotent, and a caller that finds issues by marker looks before it
 * creates again. https://docs.github.com/rest/issues/issues#create-an-issue
 */
export async function createIssue(
  gh: GitHub,
  repo: RepoRef,
  issue: { title: string; body: string },
): Promise<IssueInfo> {
  const { data } = await gh.rest.issues.create({
    ...repo,
    title: issue.title,
    body: issue.body,
    request: { retries: 0 },
  });
  return toIssueInfo(data as RawIssue);
}
