import { createComment } from './create-comment.js';
import type { GitHub, RepoRef } from './types.js';

/** Explains why, then closes the pull request (two requests). The branch is left for the record. */
export async function closePullRequest(gh: GitHub, repo: RepoRef, number: number, comment: string): Promise<void> {
  await createComment(gh, repo, number, comment);
  await gh.rest.pulls.update({ ...repo, pull_number: number, state: 'closed' });
}
