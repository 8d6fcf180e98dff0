/**
 * Which files of a repository snapshot kubemend reads: one rule for every front, applied to the entries of a
 * directory walk (the CLI, read-files.ts) and of a tree listing (the App and the Action,
 * github/read-snapshot.ts), so that one repository gives the same files, and the same reasons, everywhere:
 * - the config's `paths.include` / `paths.exclude` globs (picomatch, dotfiles matched);
 * - a file over YAML_LIMITS.maxBytes is not read, and reported (the parse wrapper would refuse it anyway);
 * - a symbolic link is never read as itself: the file it names is read under its own path;
 * - findings that all name a file narrow the read to those files, matched as locate matches a finding's path
 *   (locate/locate-in-file.ts findFile: exact, else by path suffix, since scanners print paths relative to
 *   where they ran), so the reads of a findings-driven run do not grow with the repository; findings without
 *   a file (cluster scans) need every candidate, plus the non-YAML files beside kustomizations (generator
 *   inputs such as `config.env`).
 * Helm templates are read like any file and recognised by their text in one place (locate/index-manifests.ts
 * isHelmTemplate), so a finding on a chart template is `helm-template` in every front.
 */
import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { isKustomizationPath } from '../locate/kustomize-inputs.js';
import type { Diagnostic, Finding, RepoEntry } from '../model.js';
import { YAML_LIMITS } from '../yaml.js';

/** Why a file the globs include is not read. `unreadable` is what reports list under "not scanned". */
export type SelectionCode = 'unreadable';

/** Largest non-YAML file read beside a kustomization (a generator's input). Default: 256 KiB. */
const SIDECAR_MAX_BYTES = 256 * 1024;

/** Normalises a scanner's path to repo-relative POSIX (`./a.yaml`, `/a.yaml`, `a\b.yaml` → `a.yaml`, `a/b.yaml`). */
export function repoPath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

/** A repo-relative path that stays inside the repository: not empty, no `..` segment, no NUL. */
export function isInsideRepo(path: string): boolean {
  return path !== '' && !path.includes('\0') && !path.split('/').includes('..');
}

/** The config's include/exclude globs as a predicate over repo-relative paths. */
export function pathFilter(config: Config): (path: string) => boolean {
  const include = picomatch(config.paths.include, { dot: true });
  const exclude = config.paths.exclude.length ? picomatch(config.paths.exclude, { dot: true }) : () => false;
  return (path) => include(path) && !exclude(path);
}

/**
 * Whether a directory (repo-relative, no trailing slash) can hold a file the include globs match, from each
 * glob's literal leading directories (`k8s/**` only under `k8s`; a glob that starts with `**`
 * anywhere): a listing walked directory by directory skips the rest.
 */
export function directoryFilter(config: Config): (dir: string) => boolean {
  const bases = config.paths.include.map((glob) => {
    const scan = picomatch.scan(glob);
    // A literal path names one file: its own directory, not those below it.
    return scan.isGlob ? { base: scan.base, below: true } : { base: scan.base.replace(/\/?[^/]*$/, ''), below: false };
  });
  const under = (dir: string, base: string) => base === '' || dir.startsWith(`${base}/`);
  return (dir) =>
    bases.some(({ base, below }) => dir === base || base.startsWith(`${dir}/`) || (below && under(dir, base)));
}

/** Why an entry is not read whatever the globs say (too large), or undefined when it may be read. */
export function unreadableReason(entry: RepoEntry): Diagnostic<SelectionCode> | undefined {
  if (entry.size === undefined || entry.size <= YAML_LIMITS.maxBytes) return undefined;
  const message = `${entry.path}: file is ${entry.size} bytes, over the ${YAML_LIMITS.maxBytes}-byte limit; not read`;
  return { code: 'unreadable', message, file: entry.path };
}

/** The entries kubemend may read: included by the globs, not a symbolic link, within the size limit. */
export function candidateFiles<T extends RepoEntry>(entries: readonly T[], config: Config): T[] {
  const included = pathFilter(config);
  return entries.filter((e) => e.mode !== '120000' && included(e.path) && !unreadableReason(e));
}

/** What a selection read and what it left out with a reason (entries the globs include that are too large). */
export interface Selection<T extends RepoEntry> {
  selected: T[];
  skipped: Diagnostic<SelectionCode>[];
}

/**
 * The entries to read for a run: with findings that all name a file, the candidates those paths name; else
 * every candidate (plus kustomization sidecars when a finding names no file). Default findings: none (a scan).
 */
export function selectEntries<T extends RepoEntry>(
  entries: readonly T[],
  config: Config,
  findings?: readonly Finding[],
): Selection<T> {
  const included = pathFilter(config);
  const skipped = entries
    .filter((e) => e.mode !== '120000' && included(e.path))
    .flatMap((e) => unreadableReason(e) ?? []);
  const candidates = candidateFiles(entries, config);
  if (!findings) return { selected: [...candidates, ...chartFiles(entries, candidates, candidates)], skipped };
  if (findings.some((f) => !f.location?.path))
    return {
      selected: [
        ...candidates,
        ...kustomizationSidecars(entries, candidates),
        ...chartFiles(entries, candidates, candidates),
      ],
      skipped,
    };
  const named = namedBy(findings.map((f) => repoPath(f.location?.path ?? '')));
  const selected = candidates.filter((e) => named(e.path));
  return {
    selected: [...selected, ...chartFiles(entries, selected, candidates)],
    skipped: skipped.filter((d) => d.file !== undefined && named(d.file)),
  };
}

/**
 * The rest of every Helm chart a selected file belongs to (issue 15): a chart is rendered whole, with its
 * `Chart.yaml`, values files and `_helpers.tpl` (not YAML, so outside the default globs), and its subcharts.
 */
function chartFiles<T extends RepoEntry>(entries: readonly T[], selected: readonly T[], candidates: readonly T[]): T[] {
  const charts = entries.filter((e) => /(^|\/)Chart\.ya?ml$/.test(e.path)).map((e) => e.path.replace(/\/?[^/]+$/, ''));
  const under = (dir: string, path: string) => dir === '' || path.startsWith(`${dir}/`);
  const used = charts.filter((dir) => selected.some((e) => under(dir, e.path)));
  const taken = new Set(selected.map((e) => e.path));
  const wanted = (e: T) =>
    /\.(ya?ml|json|tpl)$/.test(e.path) &&
    e.mode !== '120000' &&
    !unreadableReason(e) &&
    (candidates.includes(e) || /\.tpl$|(^|\/)Chart\.ya?ml$|(^|\/)values[^/]*\.ya?ml$|\/templates\//.test(e.path));
  return entries.filter((e) => !taken.has(e.path) && used.some((dir) => under(dir, e.path)) && wanted(e));
}

/**
 * Whether a repo path is one the findings' paths name: the same path, a path ending in `/<finding path>`
 * (the scanner ran in a subdirectory), or a suffix of a finding path (it ran above the repository).
 */
export function namedBy(paths: readonly string[]): (path: string) => boolean {
  const exact = new Set(paths);
  const suffixes = new Set(paths.flatMap((p) => p.split('/').map((_, i, parts) => parts.slice(i).join('/'))));
  return (path) => {
    if (exact.has(path) || suffixes.has(path)) return true;
    const parts = path.split('/');
    return parts.some((_, i) => i > 0 && exact.has(parts.slice(i).join('/')));
  };
}

/** Non-YAML files beside a kustomization (a generator's `config.env`): the Kustomize model renders roots with them. */
function kustomizationSidecars<T extends RepoEntry>(entries: readonly T[], candidates: readonly T[]): T[] {
  const dirOf = (path: string) => path.replace(/\/?[^/]+$/, '');
  const dirs = new Set(entries.filter((e) => isKustomizationPath(e.path)).map((e) => dirOf(e.path)));
  const taken = new Set(candidates.map((e) => e.path));
  return entries.filter(
    (e) =>
      !taken.has(e.path) &&
      e.mode !== '120000' &&
      (e.size ?? 0) <= SIDECAR_MAX_BYTES &&
      dirs.has(dirOf(e.path)) &&
      !/\.(ya?ml|json)$/.test(e.path),
  );
}
