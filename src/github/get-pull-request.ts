import { isStatus } from './is-status.js';
import { toPullRequestInfo } from './to-pull-request-info.js';
import type { GitHub, PullRequestInfo, RepoRef } from './types.js';

/** One pull request, or undefined when there is none with that number (an issue's number). https://docs.github.com/rest/pulls/pulls#get-a-pull-request */
export async function getPullRequest(gh: GitHub, repo: RepoRef, number: number): Promise<PullRequestInfo | undefined> {
  try {
    const { data } = await gh.rest.pulls.get({ ...repo, pull_number: number });
    return toPullRequestInfo(data);
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw err;
  }
}
