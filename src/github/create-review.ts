import type { GitHub, RepoRef } from './types.js';

/** One review comment anchored on the head side of the pull request's diff. */
export interface ReviewComment {
  path: string;
  /** The last line the comment covers (head side). */
  line: number;
  /** The first line, for a comment over several lines. Default: `line` alone. */
  startLine?: number;
  body: string;
}

export interface ReviewInput {
  /** The head commit the comments are anchored on: a review on a moved head is refused by GitHub rather than misplaced. */
  commitId: string;
  body: string;
  comments: ReviewComment[];
}

/**
 * Posts one review (event COMMENT: it neither approves nor blocks) with its comments in one request.
 * Comments must sit on lines inside the diff, or GitHub answers 422. Bodies must already be escaped.
 * https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request
 */
export async function createReview(gh: GitHub, repo: RepoRef, number: number, input: ReviewInput): Promise<void> {
  const comments = input.comments.map((c) => ({
    path: c.path,
    line: c.line,
    side: 'RIGHT' as const,
    body: c.body,
    ...(c.startLine !== undefined && c.startLine < c.line
      ? { start_line: c.startLine, start_side: 'RIGHT' as const }
      : {}),
  }));
  await gh.rest.pulls.createReview({
    ...repo,
    pull_number: number,
    commit_id: input.commitId,
    event: 'COMMENT',
    body: input.body,
    comments,
  });
}
