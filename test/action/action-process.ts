/**
 * The Action as the runner runs it: the bundle (built from the current source the way `npm run
 * build:action` builds the release's) started with `node`, in the workspace, with the environment a runner
 * sets: `INPUT_*` for every input of action.yml (its defaults applied, `${{ github.token }}` replaced by
 * the token), and the `GITHUB_*` variables. Outputs and the job summary are read back from the files the
 * runner would give it.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../app/repo-files.js';

export const ROOT = repoRoot();

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export function actionYml(): ActionYml {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
}

/** Bundles dist/action/main.js into a fresh folder directly under the package root, as the release bundle sits; returns its entry. */
export async function buildTestBundle(): Promise<{ entry: string; remove(): void }> {
  if (!existsSync(join(ROOT, 'dist', 'action', 'main.js')))
    throw new Error('dist/action/main.js is missing: run `npm run build` first (npm test does)');
  const dir = join(ROOT, `.action-bundle-${process.pid}`);
  const { bundleAction } = (await import(join(ROOT, 'scripts', 'build-action.mjs'))) as {
    bundleAction(out: string): Promise<string[]>;
  };
  await bundleAction(dir);
  return { entry: join(dir, 'index.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of examples/infra as a checkout, with the example scans beside it (as a scanner step leaves them). */
export function exampleWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubemend-action-'));
  const workspace = join(dir, 'infra');
  cpSync(join(ROOT, 'examples', 'infra'), workspace, { recursive: true });
  mkdirSync(join(workspace, 'scans'));
  cpSync(join(ROOT, 'examples', 'scans', 'trivy.json'), join(workspace, 'scans', 'trivy.json'));
  cpSync(join(ROOT, 'examples', 'scans', 'kubescape.json'), join(workspace, 'scans', 'kubescape.json'));
  return workspace;
}

export interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  entry: string;
  workspace: string;
  /** The step's `with:`. */
  with?: Record<string, string>;
  /** Default: https://api.github.com (nothing listens: local modes make no request). */
  apiUrl?: string;
  /** What `${{ github.token }}` is. Default: a workflow token's shape. */
  token?: string;
  /** Default: octo-org/infra. */
  repository?: string;
}

/** Reads a `GITHUB_OUTPUT` file (`name<<DELIMITER` blocks, or `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!heredoc) {
      const [name, ...value] = (lines[i] ?? '').split('=');
      if (name && value.length) out[name] = value.join('=');
      continue;
    }
    const end = lines.indexOf(heredoc[2] ?? '', i + 1);
    out[heredoc[1] ?? ''] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

/** Runs the bundle to its end. */
export async function runActionProcess(opts: RunOptions): Promise<ActionRun> {
  const files = mkdtempSync(join(tmpdir(), 'kubemend-runner-'));
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const token = opts.token ?? 'ghs_workflowTOKEN0123456789abcdefghijkl';
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(actionYml().inputs)) {
    const value = opts.with?.[name] ?? String(spec.default ?? '').replace('${{ github.token }}', token);
    inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const env = {
    PATH: process.env.PATH ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: opts.repository ?? 'octo-org/infra',
    GITHUB_API_URL: opts.apiUrl ?? 'https://api.github.com',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: files,
    ...inputs,
  };
  const child = spawn(process.execPath, [opts.entry], { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
  const run = {
    code,
    stdout,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
  rmSync(files, { recursive: true, force: true });
  return run;
}
