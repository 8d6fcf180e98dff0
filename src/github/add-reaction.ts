import type { GitHub, RepoRef } from './types.js';

/** The reactions kubemend gives a command: seen, done, could not. */
export type Reaction = 'eyes' | 'rocket' | 'confused';

/**
 * Reacts to an issue or pull request comment. GitHub answers 200 with the existing reaction when it is
 * already there, so a retried command does not stack reactions.
 * https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment
 */
export async function addReaction(gh: GitHub, repo: RepoRef, commentId: number, content: Reaction): Promise<void> {
  await gh.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
}
