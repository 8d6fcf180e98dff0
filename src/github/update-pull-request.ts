import type { GitHub, RepoRef } from './types.js';

export interface PullRequestUpdate {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
}

/** Updates a pull request's title, body or state in one request. */
export async function updatePullRequest(
  gh: GitHub,
  repo: RepoRef,
  number: number,
  update: PullRequestUpdate,
): Promise<void> {
  await gh.rest.pulls.update({ ...repo, pull_number: number, ...update });
}
