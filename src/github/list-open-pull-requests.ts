import { toPullRequestInfo } from './to-pull-request-info.js';
import type { GitHub, PullRequestInfo, RepoRef } from './types.js';

/**
 * The repository's open pull requests whose head branch starts with `branchPrefix`, in one request of up
 * to 100 (well above the highest `prLimit` of 50). https://docs.github.com/rest/pulls/pulls#list-pull-requests
 */
export async function listOpenPullRequests(gh: GitHub, repo: RepoRef, branchPrefix: string): Promise<PullRequestInfo[]> {
  const { data } = await gh.rest.pulls.list({ ...repo, state: 'open', per_page: 100 });
  return data.map(toPullRequestInfo).filter((pr) => pr.headRef.startsWith(branchPrefix));
}
