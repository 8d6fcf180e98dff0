/**
 * `kubemend worker` as its own process (`node dist/cli/main.js worker`) against the fake GitHub on the
 * loopback, for tests that kill it. JSON log lines are collected for assertions. Run `npm run build` first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppSecrets } from '../../app/app-process.js';
import { repoRoot } from '../../app/repo-files.js';

export const CLI = join(repoRoot(), 'dist', 'cli', 'main.js');

export interface WorkerProcess {
  output(): string;
  waitFor(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts a worker with the App's environment plus `env`; resolves once it runs. */
export async function startWorkerProcess(
  gheHost: string,
  secrets: AppSecrets,
  env: Record<string, string>,
): Promise<WorkerProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const child: ChildProcess = spawn(process.execPath, [CLI, 'worker', '--concurrency', '2'], {
    cwd: mkdtempSync(join(tmpdir(), 'kubemend-worker-')),
    env: {
      PATH: process.env.PATH ?? '',
      APP_ID: '1',
      PRIVATE_KEY: secrets.privateKey,
      GHE_HOST: gheHost,
      GHE_PROTOCOL: 'http',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let pending = '';
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    test: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }> = [];
  const onText = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    const parts = (pending + chunk.toString('utf8')).split('\n');
    pending = parts.pop() ?? '';
    for (const raw of parts) {
      if (!raw.startsWith('{')) continue;
      const line = JSON.parse(raw) as Record<string, unknown>;
      lines.push(line);
      for (const w of waiters.filter((x) => x.test(line))) waiters.splice(waiters.indexOf(w), 1) && w.resolve(line);
    }
  };
  child.stdout?.on('data', onText);
  child.stderr?.on('data', onText);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (test: (l: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const hit = lines.find(test);
      if (hit) return resolve(hit);
      waiters.push({ test, resolve });
      void exited.then(() => reject(new Error(`the worker exited before the awaited log line; it wrote:\n${text}`)));
    });
  await waitFor((l) => l.msg === 'kubemend worker running');
  return {
    output: () => text,
    waitFor,
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
}
