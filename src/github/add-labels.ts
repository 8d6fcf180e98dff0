import type { GitHub, RepoRef } from './types.js';

/** Adds labels to an issue or pull request (GitHub creates missing labels). Nothing is sent for an empty list. */
export async function addLabels(gh: GitHub, repo: RepoRef, number: number, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  await gh.rest.issues.addLabels({ ...repo, issue_number: number, labels });
}
