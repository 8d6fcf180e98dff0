import type { CommitAuthorship } from './get-commit-authorship.js';
import type { GitHub, RepoRef } from './types.js';

/** A commit of a pull request, with who made it as GitHub resolves it. */
export interface PullRequestCommit extends CommitAuthorship {
  /** The first line of its message. */
  title: string;
}

/**
 * The commits of a pull request, oldest first (at most 250, GitHub's limit for this list).
 * https://docs.github.com/rest/pulls/pulls#list-commits-on-a-pull-request
 */
export async function listPullRequestCommits(gh: GitHub, repo: RepoRef, number: number): Promise<PullRequestCommit[]> {
  const commits = await gh.paginate(gh.rest.pulls.listCommits, { ...repo, pull_number: number, per_page: 100 });
  return commits.map((c) => ({
    sha: c.sha,
    treeSha: c.commit.tree.sha,
    parents: c.parents.map((p) => p.sha),
    ...(c.author?.login ? { authorLogin: c.author.login } : {}),
    ...(c.committer?.login ? { committerLogin: c.committer.login } : {}),
    verified: c.commit.verification?.verified === true,
    title: c.commit.message.split('\n')[0] ?? '',
  }));
}
