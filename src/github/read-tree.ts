/**
 * A commit's files from its tree listing. One recursive request lists the whole repository however large
 * it is, unless GitHub cuts it short (`truncated: true`, over 100,000 entries or 7 MB): then the tree is read
 * directory by directory, each subtree first as one recursive listing and only a subtree that is itself
 * truncated walked further, and only into directories the caller's globs can match (`mayHold`). Links are
 * listed with their mode (120000), submodules (`commit` entries) are not files and are left out.
 * https://docs.github.com/rest/git/trees#get-a-tree
 */
import type { FileMode } from '../model.js';
import type { GitHub, RepoRef, TreeFile } from './types.js';

export interface RepoTree {
  /** The tree's own sha, used as `base_tree` when committing. */
  sha: string;
  files: TreeFile[];
  /** GitHub cut the first listing short; `files` were then read subtree by subtree. */
  truncated: boolean;
}

export interface ReadTreeOptions {
  /**
   * Whether a directory (repo-relative, no trailing slash) can hold a file the caller wants; directories it
   * refuses are not walked when the listing must be walked. Default: every directory.
   */
  mayHold?: (dir: string) => boolean;
}

interface Entry {
  path?: string;
  mode?: string;
  type?: string;
  sha?: string;
  size?: number;
}

const MODES = new Set<string>(['100644', '100755', '120000']);

function blobOf(entry: Entry, prefix: string): TreeFile | undefined {
  if (entry.type !== 'blob' || !entry.path || !entry.sha) return undefined;
  const file: TreeFile = { path: prefix + entry.path, sha: entry.sha, size: entry.size ?? 0 };
  if (entry.mode && MODES.has(entry.mode)) file.mode = entry.mode as FileMode;
  return file;
}

async function getTree(
  gh: GitHub,
  repo: RepoRef,
  sha: string,
  recursive: boolean,
): Promise<{ sha: string; tree: Entry[]; truncated: boolean }> {
  const { data } = await gh.rest.git.getTree({ ...repo, tree_sha: sha, ...(recursive ? { recursive: '1' } : {}) });
  return { sha: data.sha, tree: data.tree, truncated: data.truncated };
}

/** Lists every file of a commit's tree: one request, or a walk of subtrees when the listing is truncated. */
export async function readTree(
  gh: GitHub,
  repo: RepoRef,
  commitSha: string,
  opts: ReadTreeOptions = {},
): Promise<RepoTree> {
  const mayHold = opts.mayHold ?? (() => true);
  const first = await getTree(gh, repo, commitSha, true);
  if (!first.truncated)
    return { sha: first.sha, files: first.tree.flatMap((e) => blobOf(e, '') ?? []), truncated: false };
  const files = await walk(gh, repo, { sha: first.sha, prefix: '' }, mayHold);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { sha: first.sha, files, truncated: true };
}

/** One directory listed non-recursively; each subtree it may hold files in, recursively (walked again if truncated). */
async function walk(
  gh: GitHub,
  repo: RepoRef,
  dir: { sha: string; prefix: string },
  mayHold: (dir: string) => boolean,
): Promise<TreeFile[]> {
  const listing = await getTree(gh, repo, dir.sha, false);
  const files = listing.tree.flatMap((e) => blobOf(e, dir.prefix) ?? []);
  for (const entry of listing.tree) {
    if (entry.type !== 'tree' || !entry.path || !entry.sha || !mayHold(dir.prefix + entry.path)) continue;
    const sub = { sha: entry.sha, prefix: `${dir.prefix}${entry.path}/` };
    const whole = await getTree(gh, repo, sub.sha, true);
    if (whole.truncated) files.push(...(await walk(gh, repo, sub, mayHold)));
    else files.push(...whole.tree.flatMap((e) => blobOf(e, sub.prefix) ?? []));
  }
  return files;
}
