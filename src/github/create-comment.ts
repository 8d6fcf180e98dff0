import type { GitHub, RepoRef } from './types.js';

/** Comments on an issue or pull request. The body must already be escaped by the caller (src/report). */
export async function createComment(gh: GitHub, repo: RepoRef, number: number, body: string): Promise<void> {
  await gh.rest.issues.createComment({ ...repo, issue_number: number, body });
}
