import { toPullRequestInfo } from './to-pull-request-info.js';
import type { GitHub, PullRequestInfo, RepoRef } from './types.js';

/** Closed pull requests from one head branch (one request), newest first, to honour "closed means not this fix". */
export async function listClosedPullRequests(gh: GitHub, repo: RepoRef, branch: string): Promise<PullRequestInfo[]> {
  const { data } = await gh.rest.pulls.list({
    ...repo,
    state: 'closed',
    head: `${repo.owner}:${branch}`,
    sort: 'created',
    direction: 'desc',
    per_page: 30,
  });
  return data.map(toPullRequestInfo);
}
