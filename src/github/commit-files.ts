import type { FileWrite, GitHub, RepoRef } from './types.js';

export interface CommitFilesInput {
  /** The commit the new commit's parent is (the base branch's current head). */
  parentSha: string;
  /** The parent's tree, used as `base_tree` so only the changed files are sent. */
  baseTreeSha: string;
  files: FileWrite[];
  message: string;
}

/**
 * Creates one commit holding every changed file in two requests however many files change: a tree with
 * `base_tree` and inline content, then a commit. No author is given, so GitHub attributes the commit to the
 * App and marks it verified. https://docs.github.com/rest/git/trees#create-a-tree
 */
export async function commitFiles(gh: GitHub, repo: RepoRef, input: CommitFilesInput): Promise<string> {
  const tree = input.files.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.text }));
  const { data: newTree } = await gh.rest.git.createTree({ ...repo, base_tree: input.baseTreeSha, tree });
  const { data: commit } = await gh.rest.git.createCommit({
    ...repo,
    message: input.message,
    tree: newTree.sha,
    parents: [input.parentSha],
  });
  return commit.sha;
}
