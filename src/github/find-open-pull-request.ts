import { toPullRequestInfo } from './to-pull-request-info.js';
import type { GitHub, PullRequestInfo, RepoRef } from './types.js';

/**
 * The open pull request from `branch` of this repository, if any (one request). GitHub allows one open pull
 * request per head and base; this is how a "pull request already exists" answer is resolved to that pull request.
 */
export async function findOpenPullRequest(
  gh: GitHub,
  repo: RepoRef,
  branch: string,
): Promise<PullRequestInfo | undefined> {
  const { data } = await gh.rest.pulls.list({ ...repo, state: 'open', head: `${repo.owner}:${branch}`, per_page: 10 });
  return data.map(toPullRequestInfo).find((pr) => pr.headRef === branch && !pr.fromFork);
}
