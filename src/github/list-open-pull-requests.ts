import { toPullRequestInfo } from './to-pull-request-info.js';
import type { GitHub, PullRequestInfo, RepoRef } from './types.js';

/**
 * The repository's open pull requests whose head branch starts with `branchPrefix`. One request for up
 * to 100 open pull requests; busier repositories are paged through, since missing one of the App's own
 * would make it try to open a duplicate. https://docs.github.com/rest/pulls/pulls#list-pull-requests
 */
export async function listOpenPullRequests(
  gh: GitHub,
  repo: RepoRef,
  branchPrefix: string,
): Promise<PullRequestInfo[]> {
  const all = await gh.paginate(gh.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
  return all.map(toPullRequestInfo).filter((pr) => pr.headRef.startsWith(branchPrefix));
}
