import type { GitHub, RepoRef } from './types.js';

/**
 * Moves `branch` to `sha` only as a fast-forward (`force: false`): if anyone pushed to the branch since
 * `sha`'s parent was read, GitHub answers 422 and nothing changes. This is how kubemend writes to a branch
 * it does not own (a person's pull request): it never force-pushes over someone's commit.
 * https://docs.github.com/rest/git/refs#update-a-reference
 */
export async function advanceBranch(gh: GitHub, repo: RepoRef, branch: string, sha: string): Promise<void> {
  await gh.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false });
}
