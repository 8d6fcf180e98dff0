import type { GitHub, RepoRef } from './types.js';

/**
 * Replaces the body of an issue or pull request comment. The body must already be escaped by the caller.
 * https://docs.github.com/rest/issues/comments#update-an-issue-comment
 */
export async function updateComment(gh: GitHub, repo: RepoRef, commentId: number, body: string): Promise<void> {
  await gh.rest.issues.updateComment({ ...repo, comment_id: commentId, body });
}
