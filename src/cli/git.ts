/**
 * The `--git` step: one branch, one commit with exactly the patched files. Runs the `git` binary (the
 * user's own, with their identity, hooks and signing), never rewrites history, and refuses to commit
 * files that already had uncommitted changes: those would be mixed into kubemend's commit.
 */
import { execFile } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import type { FileResult } from '../model.js';
import { writeChangedFiles } from '../pipeline/write-files.js';
import { CliError } from './cli-error.js';

const run = promisify(execFile);

/** Runs git in `cwd`; a failure becomes a CliError with git's first line of stderr. */
export async function git(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, env: env ? { ...process.env, ...env } : process.env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string; code?: string | number };
    if (e.code === 'ENOENT') throw new CliError('kubemend: --git needs the git command, which was not found on PATH');
    const line = (e.stderr ?? e.message).trim().split('\n')[0];
    throw new CliError(`kubemend: git ${args[0]} failed: ${line}`);
  }
}

export interface CommitRequest {
  /** Directory the FileResult paths are relative to. */
  root: string;
  files: readonly FileResult[];
  branch: string;
  message: string;
  /** Extra environment for git (the example sets a fixed identity). Default: none. */
  env?: NodeJS.ProcessEnv;
}

/** Creates `branch` at HEAD, writes the changed files and commits them; returns the commit id. */
export async function commitOnBranch(req: CommitRequest): Promise<string> {
  const top = (await git(req.root, ['rev-parse', '--show-toplevel']).catch(() => {
    throw new CliError(`kubemend: --git: ${req.root} is not inside a git work tree`);
  })).trim();
  const changed = req.files.filter((f) => f.changed);
  const paths = changed.map((f) => relative(top, join(req.root, f.path)).split(sep).join('/'));
  // Porcelain lines are `XY path`: two status columns, a space, the path.
  const dirty = (await git(top, ['status', '--porcelain', '--', ...paths])).split('\n').filter(Boolean);
  if (dirty[0]) throw new CliError(`kubemend: --git: uncommitted changes in ${dirty[0].slice(3)}; commit or stash them first`);
  const exists = await git(top, ['rev-parse', '--verify', '--quiet', `refs/heads/${req.branch}`]).then(
    () => true,
    () => false,
  );
  if (exists) throw new CliError(`kubemend: --git: branch ${req.branch} already exists; delete it or merge it first`);
  await git(top, ['checkout', '-q', '-b', req.branch]);
  await writeChangedFiles(req.root, changed);
  const identity = (await git(top, ['config', 'user.email']).catch(() => '')).trim() ? [] : ['-c', 'user.name=kubemend', '-c', 'user.email=kubemend@users.noreply.github.com'];
  await git(top, ['add', '--', ...paths], req.env);
  await git(top, [...identity, 'commit', '-q', '-m', req.message, '--', ...paths], req.env);
  return (await git(top, ['rev-parse', 'HEAD'])).trim();
}
