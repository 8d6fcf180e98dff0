/**
 * Which files of the tree a job reads. For findings that name a file, just those files: the reads of a
 * findings-driven run do not grow with the repository beyond the one tree listing. Findings without a path
 * (cluster scans name only the resource) and scans need the manifests under the configured paths.
 */
import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import type { TreeFile } from '../github/index.js';
import { isKustomizationPath } from '../locate/kustomize-inputs.js';
import type { Finding } from '../model.js';
import { YAML_LIMITS } from '../yaml.js';

/** Normalises a scanner's path to repo-relative POSIX (`./a.yaml`, `/a.yaml` → `a.yaml`). */
export function repoPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** A repo-relative path that stays inside the repository: not empty, no `..` segment, no NUL. */
export function isInsideRepo(path: string): boolean {
  return path !== '' && !path.includes('\0') && !path.split('/').includes('..');
}

/** The tree's files kubemend may read under the config's include/exclude globs and the size limit. */
export function candidateFiles(files: TreeFile[], config: Config): TreeFile[] {
  const include = picomatch(config.paths.include, { dot: true });
  const exclude = config.paths.exclude.length ? picomatch(config.paths.exclude, { dot: true }) : () => false;
  return files.filter((f) => f.size <= YAML_LIMITS.maxBytes && include(f.path) && !exclude(f.path));
}

/**
 * Files beside a kustomization that the manifest globs leave out (a generator's `config.env`): the Kustomize
 * model needs them to render the roots that findings without a file are mapped through.
 */
function kustomizationSidecars(files: TreeFile[], candidates: TreeFile[]): TreeFile[] {
  const dirs = new Set(files.filter((f) => isKustomizationPath(f.path)).map((f) => f.path.replace(/\/?[^/]+$/, '')));
  const taken = new Set(candidates.map((f) => f.path));
  return files.filter((f) => !taken.has(f.path) && f.size <= 256 * 1024 && dirs.has(f.path.replace(/\/?[^/]+$/, '')) && !/\.(ya?ml|json)$/.test(f.path));
}

/** The files to read for a job: the findings' own files when every finding names one, else every candidate. */
export function selectFiles(files: TreeFile[], config: Config, findings: Finding[] | undefined): TreeFile[] {
  const candidates = candidateFiles(files, config);
  if (findings?.some((f) => !f.location?.path)) return [...candidates, ...kustomizationSidecars(files, candidates)];
  if (!findings) return candidates;
  const wanted = new Set(findings.map((f) => repoPath(f.location?.path ?? '')));
  return candidates.filter((f) => wanted.has(f.path));
}
