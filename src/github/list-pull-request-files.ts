import type { GitHub, RepoRef } from './types.js';

/** A file a pull request changes. */
export interface PullRequestFile {
  path: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The blob sha at the pull request's head (read it with readBlobs). */
  sha: string;
  size?: number;
  /** The unified diff of the file; absent when GitHub leaves it out (binary, too large). */
  patch?: string;
}

/**
 * The files a pull request changes (at most 3000, 100 a page; one request for a typical pull request).
 * https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
 */
export async function listPullRequestFiles(gh: GitHub, repo: RepoRef, number: number): Promise<PullRequestFile[]> {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: 100 });
  return files.map((f) => ({
    path: f.filename,
    status: f.status,
    sha: f.sha ?? '',
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
  }));
}
