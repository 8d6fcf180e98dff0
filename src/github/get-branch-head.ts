import type { GitHub, RepoRef } from './types.js';

/** The commit sha a branch points at, or undefined when the branch does not exist. */
export async function getBranchHead(gh: GitHub, repo: RepoRef, branch: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (err) {
    // A missing ref is a normal answer here (the branch was never created or was deleted), not a failure.
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}
