import type { GitHub, RepoRef } from './types.js';

export interface CommitInfo {
  sha: string;
  treeSha: string;
  parents: string[];
  message: string;
}

/** One commit (Git Data API): its tree and parents, used to tell the App's own commits from a human's. */
export async function getCommit(gh: GitHub, repo: RepoRef, sha: string): Promise<CommitInfo> {
  const { data } = await gh.rest.git.getCommit({ ...repo, commit_sha: sha });
  return { sha: data.sha, treeSha: data.tree.sha, parents: data.parents.map((p) => p.sha), message: data.message };
}
