import type { GitHub, RepoRef } from './types.js';

/**
 * Points `branch` at `sha`: creates the ref when `exists` is false, otherwise force-updates it. Callers
 * force-update only a branch whose head is the App's own commit, so no human work is overwritten.
 */
export async function writeBranch(
  gh: GitHub,
  repo: RepoRef,
  branch: string,
  sha: string,
  exists: boolean,
): Promise<void> {
  if (exists) await gh.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
  else await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
}
