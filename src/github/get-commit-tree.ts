import type { GitHub, RepoRef } from './types.js';

/** The tree sha of a commit (one request), to build a commit on top of it. https://docs.github.com/rest/git/commits#get-a-commit-object */
export async function getCommitTree(gh: GitHub, repo: RepoRef, sha: string): Promise<string> {
  const { data } = await gh.rest.git.getCommit({ ...repo, commit_sha: sha });
  return data.tree.sha;
}
