/**
 * Paths in findings are untrusted input (a report can be produced by anyone who can open a PR or upload
 * SARIF). A path is used only when it is relative, stays inside the repo lexically, and — when the repo is
 * on disk — does not resolve through a symlink to somewhere outside the root.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Normalises a scanner's path to a repo-relative POSIX path, or refuses it. Each of `prefixes` (the
 * directory the scanner ran in, relative or absolute as it printed it; the repo root on disk) is stripped
 * first, the first that matches.
 */
export function normaliseFindingPath(raw: string, ...prefixes: Array<string | undefined>): PathCheck {
  if (raw.includes('\u0000')) return { ok: false, reason: 'path contains a NUL byte' };
  let path = raw.replace(/\\/g, '/');
  for (const prefix of prefixes) {
    const p = (prefix ?? '').replace(/\\/g, '/').replace(/\/+$/, '');
    if (p && path.startsWith(`${p}/`)) {
      path = path.slice(p.length + 1);
      break;
    }
  }
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path) || isAbsolute(path))
    return { ok: false, reason: `absolute path ${JSON.stringify(raw)}` };
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: `path ${JSON.stringify(raw)} contains '..'` };
  if (segments.length === 0) return { ok: false, reason: `empty path ${JSON.stringify(raw)}` };
  return { ok: true, path: segments.join('/') };
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * When the repo is on disk under `root`: the file must exist and its real path (symlinks resolved) must be
 * inside the real root. Returns the refusal reason, or undefined when the file is safe.
 */
export function symlinkEscape(root: string, path: string): string | undefined {
  let realRoot: string;
  let target: string;
  try {
    realRoot = realpathSync(root);
    target = realpathSync(resolve(root, path));
  } catch {
    return `${path} cannot be resolved under the repo root`;
  }
  return isInside(realRoot, target) ? undefined : `${path} resolves outside the repo root (symbolic link)`;
}

/**
 * The repo-relative path of the file `path` names on disk under `root`: a symbolic link inside the repo
 * names its target, which is the file kubemend reads and patches (readRepoFiles lists the target, not the
 * link). `path` as it is when it does not exist there or resolves outside the root (symlinkEscape refuses it).
 */
export function resolveLinkInRoot(root: string, path: string): string {
  try {
    const realRoot = realpathSync(root);
    const target = realpathSync(resolve(root, path));
    return isInside(realRoot, target) && target !== realRoot ? relative(realRoot, target).split(sep).join('/') : path;
  } catch {
    return path;
  }
}
