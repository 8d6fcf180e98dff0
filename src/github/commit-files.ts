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
 * A tree: `baseTreeSha` with `files` replaced, inline content, one request. Trees are content-addressed, so
 * the same files on the same base give the same sha (that is how an earlier attempt's branch is recognised).
 * https://docs.github.com/rest/git/trees#create-a-tree
 */
export async function createFilesTree(
  gh: GitHub,
  repo: RepoRef,
  baseTreeSha: string,
  files: FileWrite[],
): Promise<string> {
  const tree = files.map((f) => ({ path: f.path, mode: f.mode ?? '100644', type: 'blob' as const, content: f.text }));
  const { data } = await gh.rest.git.createTree({ ...repo, base_tree: baseTreeSha, tree });
  return data.sha;
}

/**
 * A commit of `treeSha` on `parentSha`. No author is given, so GitHub attributes the commit to the App and
 * signs it (verified). https://docs.github.com/rest/git/commits#create-a-commit
 */
export async function createCommit(
  gh: GitHub,
  repo: RepoRef,
  treeSha: string,
  parentSha: string,
  message: string,
): Promise<string> {
  const { data } = await gh.rest.git.createCommit({ ...repo, message, tree: treeSha, parents: [parentSha] });
  return data.sha;
}

/** One commit holding every changed file, in two requests however many files change: a tree, then a commit. */
export async function commitFiles(gh: GitHub, repo: RepoRef, input: CommitFilesInput): Promise<string> {
  const tree = await createFilesTree(gh, repo, input.baseTreeSha, input.files);
  return createCommit(gh, repo, tree, input.parentSha, input.message);
}
