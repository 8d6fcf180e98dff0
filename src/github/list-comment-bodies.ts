import type { GitHub, RepoRef } from './types.js';

/** The bodies of the comments on an issue or pull request, oldest first (paged through). */
export async function listCommentBodies(gh: GitHub, repo: RepoRef, number: number): Promise<string[]> {
  const comments = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
  return comments.map((c) => c.body ?? '');
}
