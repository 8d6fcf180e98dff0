/**
 * A repository snapshot read from GitHub for one run: the commit's tree (walked subtree by subtree when the
 * listing is truncated, only where the include globs can match), the one selection rule applied to its
 * entries (src/pipeline/select-files.ts, the rule the CLI's disk reader applies), and only the selected
 * blobs fetched: a findings-driven run reads the files the findings name, however large the repository.
 */
import type { Config } from '../config/schema.js';
import type { Diagnostic, Finding } from '../model.js';
import { directoryFilter, selectEntries } from '../pipeline/select-files.js';
import { type FileText, readBlobs } from './read-blobs.js';
import { type RepoTree, readTree } from './read-tree.js';
import type { GitHub, RepoRef } from './types.js';

export interface ReadSnapshotOptions {
  config: Config;
  /** Scanner findings; when every one names a file, only those files are read. Default: none (a scan). */
  findings?: readonly Finding[];
  /** Paths that are not manifests whatever the globs say (the repository's remediation files). Default: none. */
  ignore?: ReadonlySet<string>;
  /** The commit's listing when the caller read it already (one listing per job). Default: read here. */
  tree?: RepoTree;
}

export interface Snapshot {
  /** The commit's tree sha, the `base_tree` of a commit on it. */
  treeSha: string;
  /** The files read, in tree order, each with its blob sha, size and mode. */
  files: FileText[];
  /** Files the globs include that were not read, with the reason (too large). */
  skipped: Diagnostic[];
  /** The first listing was truncated and the tree was walked. */
  truncated: boolean;
}

/** Lists the commit's tree, selects the files a run needs and reads only those. */
export async function readSnapshot(
  gh: GitHub,
  repo: RepoRef,
  commitSha: string,
  opts: ReadSnapshotOptions,
): Promise<Snapshot> {
  const tree = opts.tree ?? (await readTree(gh, repo, commitSha, { mayHold: directoryFilter(opts.config) }));
  const entries = opts.ignore ? tree.files.filter((f) => !opts.ignore?.has(f.path)) : tree.files;
  const { selected, skipped } = selectEntries(entries, opts.config, opts.findings);
  const files = await readBlobs(gh, repo, selected);
  return { treeSha: tree.sha, files, skipped, truncated: tree.truncated };
}
