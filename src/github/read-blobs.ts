import type { RepoFile } from '../model.js';
import type { GitHub, RepoRef, TreeFile } from './types.js';

/** A file read from a tree: the snapshot's file shape with the blob sha it was read from. */
export type FileText = RepoFile & { sha: string };

/**
 * Reads the given blobs, one request each and one at a time: only the files a run needs are fetched, and
 * sequential reads keep clear of GitHub's concurrency limits. Each file keeps its tree entry's sha, size and
 * mode, so a commit writes it back as it was listed. https://docs.github.com/rest/git/blobs#get-a-blob
 */
export async function readBlobs(gh: GitHub, repo: RepoRef, files: readonly TreeFile[]): Promise<FileText[]> {
  const out: FileText[] = [];
  for (const file of files) {
    const { data } = await gh.rest.git.getBlob({ ...repo, file_sha: file.sha });
    const text = data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
    out.push({ ...file, text });
  }
  return out;
}
