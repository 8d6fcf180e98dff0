/**
 * Reads the manifests under the paths given to the CLI, with paths relative to the repository root (the
 * git work tree's top level), so reports, SARIF and diffs name files as code scanning and `git apply` do.
 * Skips `.git` and `node_modules` and whatever the config's include/exclude globs rule out. A symbolic link
 * to a file is read as that file, under the file's own path, so a patch goes to the file and the link
 * stays a link; a link that resolves outside the root is reported and not read (a checkout must not make
 * kubemend read or rewrite files elsewhere). Which files are read is the one selection rule the App applies
 * to a tree listing too (select-files.ts: globs, size limit, links), so both read a repository alike; a file
 * over the size limit is reported (`unreadable`) and not read. Helm templates are read like any file: the
 * index recognises them (isHelmTemplate), so findings on them and the reports say why they are not patched.
 * The file system is read with synchronous calls behind the async signature: a CLI process has nothing else
 * to do meanwhile, and one awaited call per stat and read made reading 600 files take ~330 ms instead of ~40.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import type { Diagnostic } from '../model.js';
import { generatorInputs, isKustomizationPath } from '../locate/kustomize-inputs.js';
import type { RepoFile } from './repo-file.js';
import { pathFilter, unreadableReason } from './select-files.js';

export type ReadDiagnosticCode = 'path-not-found' | 'outside-root' | 'unreadable';

export interface ReadResult {
  /** Absolute directory the file paths are relative to: the git top level, else resolveRoot's directory. */
  root: string;
  files: RepoFile[];
  /** Problems with individual files; the caller decides whether a missing path is fatal. */
  diagnostics: Diagnostic<ReadDiagnosticCode>[];
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * The root of a set of CLI paths: the top level of the git work tree holding them (the nearest directory
 * with a `.git` entry, as `git rev-parse --show-toplevel` finds it, submodules and worktrees included);
 * outside git, the path itself for one directory, else the deepest common directory. Reports show file
 * paths relative to it.
 */
export async function resolveRoot(paths: readonly string[], cwd: string): Promise<string> {
  const dirs = paths.map((p) => {
    const abs = resolve(cwd, p);
    const s = attempt(() => statSync(abs));
    return s?.isDirectory() ? abs : dirname(abs);
  });
  const common = dirs.reduce((a, b) => commonDir(a, b));
  return gitTopLevel(common) ?? common;
}

function gitTopLevel(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (attempt(() => lstatSync(join(d, '.git')))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function commonDir(a: string, b: string): string {
  const pa = a.split(sep);
  const pb = b.split(sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(sep) || sep;
}

/** Reads every included manifest file under `paths` (files or directories), sorted by path. */
export async function readRepoFiles(
  paths: readonly string[],
  config: Config,
  cwd: string = process.cwd(),
): Promise<ReadResult> {
  const missing = paths.map((p) => (attempt(() => lstatSync(resolve(cwd, p))) ? [] : [p])).flat();
  if (missing.length) {
    const diagnostics = missing.map((p) => ({
      code: 'path-not-found' as const,
      message: `${p}: no such file or directory`,
      file: p,
    }));
    return { root: resolve(cwd), files: [], diagnostics };
  }
  const root = await resolveRoot(paths, cwd);
  const realRoot = realpathSync(root);
  const include = picomatch(config.paths.include, { dot: true });
  const exclude = picomatch(config.paths.exclude.length ? config.paths.exclude : ['\u0000'], { dot: true });
  const included = pathFilter(config);
  const out: ReadResult = { root, files: [], diagnostics: [] };
  const seen = new Set<string>();
  const visit = (abs: string, explicit: boolean): void => {
    let rel = posix(relative(root, abs));
    let info = attempt(() => lstatSync(abs));
    if (!info) {
      out.diagnostics.push({ code: 'path-not-found', message: `${abs}: no such file or directory`, file: rel });
      return;
    }
    if (info.isSymbolicLink()) {
      const target = attempt(() => realpathSync(abs));
      if (!target) {
        out.diagnostics.push({ code: 'unreadable', message: `${rel}: symbolic link to a missing file`, file: rel });
        return;
      }
      if (!isInside(realRoot, target)) {
        out.diagnostics.push({
          code: 'outside-root',
          message: `${rel}: symbolic link to ${target}, outside the repository ${root}; not read or written`,
          file: rel,
        });
        return;
      }
      const targetInfo = statSync(target);
      if (targetInfo.isDirectory()) return; // Directory links could loop; the real directory is walked anyway.
      // Read as the file it names, under that file's path: the patch goes there and the link stays a link.
      info = targetInfo;
      abs = target;
      rel = posix(relative(realRoot, target));
    }
    if (info.isDirectory()) {
      if (!explicit && SKIPPED_DIRS.has(abs.split(sep).pop() ?? '')) return;
      if (rel && exclude(rel)) return;
      const entries = readdirSync(abs);
      for (const name of entries.sort()) visit(join(abs, name), false);
      return;
    }
    // Explicit files follow the same globs: runPipeline applies them too, for the App's files as well.
    if (seen.has(rel) || !included(rel)) return;
    seen.add(rel);
    const tooLarge = unreadableReason({ path: rel, size: info.size });
    if (tooLarge) {
      out.diagnostics.push(tooLarge);
      return;
    }
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      const { code, message } = err as NodeJS.ErrnoException;
      out.diagnostics.push({ code: 'unreadable', message: `${rel}: ${code ?? message}`, file: rel });
      return;
    }
    out.files.push({ path: rel, text, size: info.size });
  };
  for (const p of paths) visit(resolve(cwd, p), true);
  readNearbyKustomizations(out, root, realRoot, seen, include, exclude);
  readGeneratorInputs(out, root, realRoot, seen);
  readChartHelpers(out, root, realRoot, seen);
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/**
 * The kustomizations beside and above the files read, even when the paths given leave them out
 * (`kubemend plan overlays/prod/patch.yaml`): a patch file is known as one only through the kustomization
 * that lists it, and must never be filled with values as a whole workload.
 */
function readNearbyKustomizations(
  out: ReadResult,
  root: string,
  realRoot: string,
  seen: Set<string>,
  include: (p: string) => boolean,
  exclude: (p: string) => boolean,
): void {
  const dirs = new Set<string>();
  for (const f of out.files)
    for (let d = posix(dirname(f.path)); ; d = posix(dirname(d))) {
      dirs.add(d === '.' ? '' : d);
      if (d === '.' || d === '' || d === '/') break;
    }
  for (const dir of dirs) {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
      const rel = dir ? `${dir}/${name}` : name;
      if (seen.has(rel) || exclude(rel) || (name !== 'Kustomization' && !include(rel))) continue;
      readExtra(out, root, realRoot, seen, rel);
    }
  }
}

/**
 * The files kustomizations' generators read (`config.env`, `application.properties`), which the manifest
 * globs leave out: the Kustomize model needs them to render those roots. Only regular files inside the
 * root; a missing one is left for the model to report.
 */
function readGeneratorInputs(out: ReadResult, root: string, realRoot: string, seen: Set<string>): void {
  const wanted = out.files.filter((f) => isKustomizationPath(f.path)).flatMap((f) => generatorInputs(f.path, f.text));
  for (const rel of [...new Set(wanted)].filter((p) => !seen.has(p))) readExtra(out, root, realRoot, seen, rel);
}

/**
 * The `.tpl` helpers of every Helm chart read (issue 15): not YAML, so outside the default globs, but a
 * chart's templates cannot be rendered without the helpers they include.
 */
function readChartHelpers(out: ReadResult, root: string, realRoot: string, seen: Set<string>): void {
  const charts = out.files.filter((f) => /(^|\/)Chart\.ya?ml$/.test(f.path)).map((f) => posix(dirname(f.path)));
  const walk = (dir: string): string[] => {
    const entries = attempt(() => readdirSync(join(root, dir), { withFileTypes: true })) ?? [];
    const nested = entries
      .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name))
      .map((e) => walk(dir === '.' ? e.name : `${dir}/${e.name}`));
    return [
      ...entries
        .filter((e) => e.isFile() && e.name.endsWith('.tpl'))
        .map((e) => (dir === '.' ? e.name : `${dir}/${e.name}`)),
      ...nested.flat(),
    ];
  };
  for (const dir of charts)
    for (const rel of walk(dir).filter((p) => !seen.has(p))) readExtra(out, root, realRoot, seen, rel);
}

/** Adds `rel` when it is a regular file inside the root (after links); anything else is skipped silently. */
function readExtra(out: ReadResult, root: string, realRoot: string, seen: Set<string>, rel: string): void {
  const target = attempt(() => realpathSync(join(root, rel)));
  if (!target || !isInside(realRoot, target) || !statSync(target).isFile()) return;
  const text = attempt(() => readFileSync(target, 'utf8'));
  if (text === undefined) return;
  seen.add(rel);
  out.files.push({ path: rel, text });
}

/** `f()`, or undefined when it throws (a missing or unreadable path). */
function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}
