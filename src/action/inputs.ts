/**
 * The step's inputs and the runner's environment, validated once at the edge. The runner passes each
 * input as `INPUT_<NAME>` (upper-cased, spaces as `_`, hyphens kept: `INPUT_SARIF-FILE`), with the defaults
 * of action.yml already applied; the repository, API and workspace come as `GITHUB_*` variables.
 * https://docs.github.com/actions/reference/workflows-and-actions/variables#default-environment-variables
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ActionError } from './action-error.js';

export const MODES = ['plan', 'fix', 'pull-request', 'sarif'] as const;

/** Every input the step reads; action.yml declares exactly these (test/action/action-yml.test.ts). */
export const INPUT_NAMES = ['mode', 'paths', 'findings', 'config', 'token', 'sarif-file', 'bot-login'] as const;
export type Mode = (typeof MODES)[number];

export interface ActionInputs {
  mode: Mode;
  /** Files and folders to read, relative to the workspace. Default: `.`. */
  paths: string[];
  /** Scanner reports: file names or globs, relative to the workspace. Default: none (kubemend's own detection). */
  findings: string[];
  /** The configuration file, relative to the workspace. Default: `.github/kubemend.yml` when it exists. */
  config?: string;
  token: string;
  /** Where `sarif` mode writes (and other modes too, when given). Default in `sarif` mode: `kubemend.sarif`. */
  sarifFile?: string;
  /** The account the token acts as, the author of kubemend's commits and pull requests. Default: `github-actions[bot]`. */
  botLogin: string;
}

export interface RunnerEnv {
  /** Absolute path of the checkout. */
  workspace: string;
  owner: string;
  repo: string;
  /** Default: https://api.github.com. */
  apiUrl: string;
  sha: string;
  ref: string;
  /** `<run id>-<attempt>`, naming the job in logs. */
  runId: string;
  outputFile?: string;
  summaryFile?: string;
}

/** The value of input `name` as the runner sets it, trimmed; '' when absent. */
export function readInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** One item per line or per comma (YAML block scalars and one-line lists both work), blanks dropped. */
export function readList(env: NodeJS.ProcessEnv, name: string): string[] {
  return readInput(env, name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const ModeSchema = z.enum(MODES, { error: () => `mode must be one of ${MODES.join(', ')}` });

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = (env[name] ?? '').trim();
  if (value === '')
    throw new ActionError(
      'env-missing',
      `${name} is not set: kubemend runs as a step of a GitHub Actions job, which sets it`,
    );
  return value;
}

/** The inputs; a wrong mode or a missing token is an ActionError naming the input. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const mode = ModeSchema.safeParse(readInput(env, 'mode') || 'plan');
  if (!mode.success)
    throw new ActionError(
      'input-invalid',
      `input mode: ${mode.error.issues[0]?.message ?? 'invalid'} (got "${readInput(env, 'mode')}")`,
    );
  const token = readInput(env, 'token');
  if (mode.data === 'pull-request' && token === '')
    throw new ActionError(
      'input-invalid',
      'input token is empty: pull-request mode needs a token (the default is ${{ github.token }})',
    );
  const config = readInput(env, 'config');
  const sarifFile = readInput(env, 'sarif-file');
  const paths = readList(env, 'paths');
  return {
    mode: mode.data,
    paths: paths.length > 0 ? paths : ['.'],
    findings: readList(env, 'findings'),
    ...(config ? { config } : {}),
    token,
    ...(sarifFile ? { sarifFile } : mode.data === 'sarif' ? { sarifFile: 'kubemend.sarif' } : {}),
    botLogin: readInput(env, 'bot-login') || 'github-actions[bot]',
  };
}

/** The runner's variables this run needs. */
export function readRunnerEnv(env: NodeJS.ProcessEnv): RunnerEnv {
  const workspace = required(env, 'GITHUB_WORKSPACE');
  const [owner = '', repo = '', ...extra] = required(env, 'GITHUB_REPOSITORY').split('/');
  if (!owner || !repo || extra.length > 0)
    throw new ActionError('env-missing', `GITHUB_REPOSITORY must be owner/name (got "${env.GITHUB_REPOSITORY}")`);
  if (!isAbsolute(workspace))
    throw new ActionError('env-missing', `GITHUB_WORKSPACE must be an absolute path (got "${workspace}")`);
  return {
    workspace: resolve(workspace),
    owner,
    repo,
    apiUrl: (env.GITHUB_API_URL ?? '').trim() || 'https://api.github.com',
    sha: (env.GITHUB_SHA ?? '').trim(),
    ref: (env.GITHUB_REF ?? '').trim(),
    runId: `${(env.GITHUB_RUN_ID ?? 'local').trim()}-${(env.GITHUB_RUN_ATTEMPT ?? '1').trim()}`,
    ...(env.GITHUB_OUTPUT ? { outputFile: env.GITHUB_OUTPUT } : {}),
    ...(env.GITHUB_STEP_SUMMARY ? { summaryFile: env.GITHUB_STEP_SUMMARY } : {}),
  };
}
