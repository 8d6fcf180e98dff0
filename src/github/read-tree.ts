import type { GitHub, RepoRef, TreeFile } from './types.js';

export interface RepoTree {
  /** The tree's own sha, used as `base_tree` when committing. */
  sha: string;
  files: TreeFile[];
  /** GitHub cut the listing short (over 100,000 entries or 7 MB); some files are missing. */
  truncated: boolean;
}

/**
 * Lists every blob of a commit's tree in one request (`recursive=1`), so finding the manifests costs one
 * read however large the repository is. https://docs.github.com/rest/git/trees#get-a-tree
 */
export async function readTree(gh: GitHub, repo: RepoRef, commitSha: string): Promise<RepoTree> {
  const { data } = await gh.rest.git.getTree({ ...repo, tree_sha: commitSha, recursive: '1' });
  const files: TreeFile[] = [];
  for (const entry of data.tree) {
    if (entry.type === 'blob' && entry.path && entry.sha) files.push({ path: entry.path, sha: entry.sha, size: entry.size ?? 0 });
  }
  return { sha: data.sha, files, truncated: data.truncated };
}
