import type { GitHub, RepoRef } from './types.js';

/** A comment on an issue or pull request. */
export interface IssueComment {
  id: number;
  body: string;
  /** Login of its author. */
  author: string;
}

/**
 * The comments on an issue or pull request, oldest first (paged through).
 * https://docs.github.com/rest/issues/comments#list-issue-comments
 */
export async function listIssueComments(gh: GitHub, repo: RepoRef, number: number): Promise<IssueComment[]> {
  const comments = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
  return comments.map((c) => ({ id: c.id, body: c.body ?? '', author: c.user?.login ?? '' }));
}
