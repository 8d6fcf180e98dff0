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
    const { stdout } = await run('git', args, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string; code?: string | number };
    if (e.code === 'ENOENT') throw new CliError('kubemend: --git needs the git command, which was not found on PATH');
    const line = (e.stderr ?? e.message).trim().split('\n')[0];
    throw new CliError(`kubemend: git ${args[0]} failed: ${line}`);
  }
}

export interface BranchCommit {
  branch: string;
  files: readonly FileResult[];
  message: string;
}

export interface CommitRequest {
  /** Directory the FileResult paths are relative to. */
  root: string;
  /** One commit per branch, each made from the current HEAD. */
  commits: readonly BranchCommit[];
  /** Extra environment for git (the example sets a fixed identity). Default: none. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Creates each branch at HEAD with one commit holding exactly its changed files; returns the commit ids in
 * order. With one branch the work tree is left on it (as `git checkout -b` would); with several it returns
 * to where it was, every fix committed on its own branch. Nothing is written when any file has uncommitted
 * changes or any branch exists.
 */
export async function commitOnBranches(req: CommitRequest): Promise<string[]> {
  const top = (
    await git(req.root, ['rev-parse', '--show-toplevel']).catch(() => {
      throw new CliError(`kubemend: --git: ${req.root} is not inside a git work tree`);
    })
  ).trim();
  const toTop = (f: FileResult) => relative(top, join(req.root, f.path)).split(sep).join('/');
  const allPaths = [...new Set(req.commits.flatMap((c) => c.files.filter((f) => f.changed).map(toTop)))];
  // Porcelain lines are `XY path`: two status columns, a space, the path.
  const dirty = (await git(top, ['status', '--porcelain', '--', ...allPaths])).split('\n').filter(Boolean);
  if (dirty[0])
    throw new CliError(`kubemend: --git: uncommitted changes in ${dirty[0].slice(3)}; commit or stash them first`);
  for (const { branch } of req.commits) {
    const exists = await git(top, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).then(
      () => true,
      () => false,
    );
    if (exists) throw new CliError(`kubemend: --git: branch ${branch} already exists; delete it or merge it first`);
  }
  const start = (
    await git(top, ['symbolic-ref', '-q', '--short', 'HEAD']).catch(() => git(top, ['rev-parse', 'HEAD']))
  ).trim();
  const identity = (await git(top, ['config', 'user.email']).catch(() => '')).trim()
    ? []
    : ['-c', 'user.name=kubemend', '-c', 'user.email=kubemend@users.noreply.github.com'];
  const commits: string[] = [];
  for (const [i, c] of req.commits.entries()) {
    const changed = c.files.filter((f) => f.changed);
    const paths = changed.map(toTop);
    if (i > 0) await git(top, ['checkout', '-q', start]);
    await git(top, ['checkout', '-q', '-b', c.branch]);
    await writeChangedFiles(req.root, changed);
    await git(top, ['add', '--', ...paths], req.env);
    await git(top, [...identity, 'commit', '-q', '-m', c.message, '--', ...paths], req.env);
    commits.push((await git(top, ['rev-parse', 'HEAD'])).trim());
  }
  if (req.commits.length > 1) await git(top, ['checkout', '-q', start]);
  return commits;
}
