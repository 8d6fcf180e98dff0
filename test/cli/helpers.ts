/**
 * Runs the BUILT CLI as a process, the way users and scripts run it. The build happens once per test run:
 * `npm test` builds before vitest; a direct `npx vitest run test/cli` builds here when dist is older than
 * src (a lock directory keeps parallel test files from building at the same time).
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN = join(ROOT, 'dist/cli/main.js');
export const SHARED = join(ROOT, '..', 'shared');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/ unless it is newer than every file under src/. */
export function ensureBuilt(): void {
  // The lock lives in dist/ (git-ignored); a lock older than a build can take is left over from a killed run.
  const lock = join(ROOT, 'dist', '.build-lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestSource(join(ROOT, 'src'))) return;
    try {
      mkdirSync(lock);
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) rmSync(lock, { recursive: true, force: true });
      sleep(200); // another test file is building
      continue;
    }
    try {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node dist/cli/main.js ...args` in `cwd`; resolves with the exit code whatever it is. */
export function cli(args: string[], cwd: string = ROOT, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const temps: string[] = [];

/** A fresh temporary copy of a directory (shared data is read-only); removed by removeTemps. */
export function copyToTemp(dir: string, name = 'repo'): string {
  const parent = mkdtempSync(join(tmpdir(), 'kubemend-test-'));
  temps.push(parent);
  const target = join(parent, name);
  cpSync(dir, target, { recursive: true });
  return target;
}

/** Removes the temporary directories this test file created (call in afterAll). */
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` (relative POSIX path → bytes), to compare trees before and after. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    },
  });
}

/** A git repository holding a copy of `dir`, with one commit on main. */
export function gitRepoFrom(dir: string): string {
  const repo = copyToTemp(dir);
  git(repo, ['init', '-q']);
  git(repo, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial']);
  return repo;
}
