import type { GitHub, RepoRef } from './types.js';

/** Rewrites an issue's title and body in one request. https://docs.github.com/rest/issues/issues#update-an-issue */
export async function updateIssue(
  gh: GitHub,
  repo: RepoRef,
  number: number,
  update: { title?: string; body?: string },
): Promise<void> {
  await gh.rest.issues.update({ ...repo, issue_number: number, ...update });
}
