import type { GitHub, RepoRef } from './types.js';

/** Who made a commit as GitHub resolves it, whether GitHub verified its signature, and where it sits. */
export interface CommitAuthorship {
  sha: string;
  treeSha: string;
  parents: string[];
  /** GitHub login of the author (resolved from the author email), or undefined when it maps to no account. */
  authorLogin?: string;
  /** GitHub login of the committer; `web-flow` when GitHub itself signed and committed it. */
  committerLogin?: string;
  /** GitHub verified the commit's signature. It binds to the committer, so it says who committed, not who authored. */
  verified: boolean;
}

/**
 * Reads one commit through the REST commits API (one request), which resolves author and committer to
 * accounts and reports signature verification. https://docs.github.com/rest/commits/commits#get-a-commit
 */
export async function getCommitAuthorship(gh: GitHub, repo: RepoRef, sha: string): Promise<CommitAuthorship> {
  const { data } = await gh.rest.repos.getCommit({ ...repo, ref: sha, per_page: 1 });
  return {
    sha: data.sha,
    treeSha: data.commit.tree.sha,
    parents: data.parents.map((p) => p.sha),
    ...(data.author?.login ? { authorLogin: data.author.login } : {}),
    ...(data.committer?.login ? { committerLogin: data.committer.login } : {}),
    verified: data.commit.verification?.verified === true,
  };
}
