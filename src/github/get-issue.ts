import { type IssueInfo, type RawIssue, toIssueInfo } from './to-issue-info.js';
import type { GitHub, RepoRef } from './types.js';

/**
 * One issue as it is now (the dashboard re-reads its body right before writing it, so a box ticked
 * meanwhile is seen). https://docs.github.com/rest/issues/issues#get-an-issue
 */
export async function getIssue(gh: GitHub, repo: RepoRef, number: number): Promise<IssueInfo> {
  const { data } = await gh.rest.issues.get({ ...repo, issue_number: number });
  return toIssueInfo(data as RawIssue);
}
