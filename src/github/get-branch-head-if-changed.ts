import { isStatus } from './is-status.js';
import type { GitHub, RepoRef } from './types.js';

/** The branch head unless it is the one the ETag was given for; `missing` when the branch does not exist. */
export type BranchHeadCheck =
  { state: 'not-modified' } | { state: 'missing' } | { state: 'head'; sha: string; etag?: string };

/**
 * The commit a branch points at, asked conditionally: with the ETag of the previous answer GitHub answers
 * 304 Not Modified when the ref has not moved, and a 304 does not count against the rate limit.
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export async function getBranchHeadIfChanged(
  gh: GitHub,
  repo: RepoRef,
  branch: string,
  etag?: string,
): Promise<BranchHeadCheck> {
  try {
    const res = await gh.rest.git.getRef({
      ...repo,
      ref: `heads/${branch}`,
      ...(etag ? { headers: { 'if-none-match': etag } } : {}),
    });
    const next = res.headers.etag;
    return { state: 'head', sha: res.data.object.sha, ...(next ? { etag: next } : {}) };
  } catch (err) {
    // Octokit turns a 304 into a RequestError: here it is the cheapest answer there is.
    if (isStatus(err, 304)) return { state: 'not-modified' };
    if (isStatus(err, 404)) return { state: 'missing' };
    throw err;
  }
}
