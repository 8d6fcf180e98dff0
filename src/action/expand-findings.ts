/**
 * The `findings` input names the reports earlier steps wrote: plain file names, or globs
 * (`scans/*.json`, `reports/**\/*.sarif`), relative to the workspace. A plain name that does not exist is an
 * error (a scanner step that wrote elsewhere should fail the run, not make it fix nothing); a glob that
 * matches nothing is one too, for the same reason. `.git` and `node_modules` are never searched.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { ActionError } from './action-error.js';

const SKIPPED = new Set(['.git', 'node_modules']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (e.isDirectory() && !SKIPPED.has(e.name)) await walk(join(dir, e.name), out);
    else if (e.isFile()) out.push(join(dir, e.name));
  }
}

async function expandGlob(pattern: string, workspace: string): Promise<string[]> {
  const { base } = picomatch.scan(pattern);
  const isMatch = picomatch(pattern.replace(/^\.\//, ''), { dot: true });
  const files: string[] = [];
  await walk(resolve(workspace, base || '.'), files);
  return files.filter((f) => isMatch(relative(workspace, f).split(sep).join('/'))).sort();
}

/** Absolute paths of the reports, in the order given (a glob's matches sorted), each once. */
export async function expandFindings(patterns: readonly string[], workspace: string): Promise<string[]> {
  const out: string[] = [];
  for (const pattern of patterns) {
    const matches = picomatch.scan(pattern).isGlob
      ? await expandGlob(pattern, workspace)
      : [resolve(workspace, pattern)];
    const found = [];
    for (const file of matches) if ((await stat(file).catch(() => undefined))?.isFile()) found.push(file);
    if (found.length === 0)
      throw new ActionError(
        'findings-unreadable',
        `input findings: "${pattern}" ${picomatch.scan(pattern).isGlob ? 'matches no file' : 'is not a file'} in the workspace (${workspace})`,
      );
    for (const f of found) if (!out.includes(f)) out.push(f);
  }
  return out;
}
