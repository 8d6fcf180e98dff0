import type { GitHub, RepoRef, TreeFile } from './types.js';

export interface FileText {
  path: string;
  text: string;
  /** The blob sha the text was read from (recorded in pull request metadata to notice manifest changes). */
  sha: string;
}

/**
 * Reads the given blobs, one request each and one at a time: only the files a run needs are fetched, and
 * sequential reads keep clear of GitHub's concurrency limits. https://docs.github.com/rest/git/blobs#get-a-blob
 */
export async function readBlobs(gh: GitHub, repo: RepoRef, files: TreeFile[]): Promise<FileText[]> {
  const out: FileText[] = [];
  for (const file of files) {
    const { data } = await gh.rest.git.getBlob({ ...repo, file_sha: file.sha });
    const text = data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
    out.push({ path: file.path, text, sha: file.sha });
  }
  return out;
}
