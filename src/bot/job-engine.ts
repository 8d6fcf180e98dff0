/**
 * The engine one job runs with. `remediations.directory` (relative to the repository root) names extra
 * remediation files kept in the repository: the `*.yml`/`*.yaml` files directly in it (not recursive, as
 * the CLI reads it), found in the job's one tree listing and read as blobs, join the catalog for this job.
 * The config's remediation ids, options and severities are checked against that catalog. Every problem
 * names its file, so the job reports it exactly like an invalid `.github/kubemend.yml`.
 */
import type { Config } from '../config/schema.js';
import { type GitHub, type RepoRef, type RepoTree, type TreeFile, readBlobs } from '../github/index.js';
import type { Diagnostic } from '../model.js';
import { CONFIG_PATH } from './config/load-repo-config.js';
import type { Engine } from './engine.js';
import { repoPath } from '../pipeline/select-files.js';

export type JobEngine =
  { ok: true; engine: Engine; remediationFiles: TreeFile[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The tree's remediation files in `directory` (`deploy/policies`, `./policies/`, `.` for the root), and its
 * image knowledge files (`<directory>/images/*.yml`), in path order.
 */
export function remediationFilesIn(files: TreeFile[], directory: string): TreeFile[] {
  const dir = repoPath(directory).replace(/\/+$/, '');
  const prefix = dir === '' || dir === '.' ? '' : `${dir}/`;
  return files
    .filter((f) => f.path.startsWith(prefix) && /^(images\/)?[^/]+\.ya?ml$/.test(f.path.slice(prefix.length)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Config problems carry only their key path; in the App they belong to `.github/kubemend.yml`. */
function inConfigFile(d: Diagnostic): Diagnostic {
  return d.file ? d : { ...d, message: `${CONFIG_PATH}: ${d.message}`, file: CONFIG_PATH };
}

/**
 * `engine` for this repository. `tree` is the job's listing of the base commit; it must be given when
 * `config.remediations.directory` is set (the directory is read from it, no extra tree request).
 */
export async function jobEngine(
  gh: GitHub,
  repo: RepoRef,
  config: Config,
  tree: RepoTree | undefined,
  engine: Engine,
): Promise<JobEngine> {
  const directory = config.remediations.directory;
  const listed = directory === undefined || !tree ? [] : remediationFilesIn(tree.files, directory);
  if (directory !== undefined && listed.length === 0) {
    const message = `${CONFIG_PATH}: remediations.directory: no .yml or .yaml files in "${directory}" (relative to the repository root)`;
    return { ok: false, diagnostics: [{ code: 'remediation-directory-empty', message, file: CONFIG_PATH }] };
  }
  const texts = await readBlobs(gh, repo, listed);
  const result = engine.forRepository(
    config,
    texts.map((b) => ({ path: b.path, text: b.text })),
  );
  return result.ok
    ? { ok: true, engine: result.engine, remediationFiles: listed }
    : { ok: false, diagnostics: result.diagnostics.map(inConfigFile) };
}
