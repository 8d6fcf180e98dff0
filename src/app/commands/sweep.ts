/**
 * `kubemend sweep`: one drift sweep over every installation of the App and every repository each can reach
 * (or the ones `--installation` / `--repo` name), with the App's credentials and the same environment as
 * `npm start` (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, GHE_HOST, ..., and `.env`); no webhook secret.
 * What a Kubernetes CronJob or a scheduled workflow runs. It prints a summary and exits 1 when any
 * repository failed. What it remembers between runs (so an unchanged repository costs at most 3 requests)
 * lives in `--state FILE`, else in Redis when REDIS_URL is set, else only for this run.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type SweepEnv, parseSweepEnv } from '../env.js';
import type { SweepArgs, SweepIo } from './sweep-types.js';

export type { SweepArgs, SweepIo };

export const SWEEP_HELP = `Usage: kubemend sweep [--repo owner/name] [--installation ID] [--dry-run] [--state FILE]

One drift sweep over every installation of the GitHub App and every repository it can reach:
a repository whose default branch head, configuration and kubemend catalog are unchanged since
the last sweep is skipped (at most 3 requests); the others are checked with kubemend's own
detection, their pull requests opened, updated or closed, and their dashboard written.
Reads the App's environment as npm start does (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
GHE_HOST, GHE_PROTOCOL, REDIS_URL, ... and .env); no webhook secret.

  --repo owner/name   only this repository
  --installation ID   only this installation
  --dry-run           list what would be swept; write nothing (state not updated)
  --state FILE        remember what was swept in FILE (JSON) between runs
                      (default: in Redis when REDIS_URL is set, else nothing is remembered)
  -h, --help          this help

Exit codes: 0 every repository swept or unchanged, 1 a repository or installation failed
(listed in the summary) or cannot start (environment), 2 usage error. See docs/sweeps.md.
`;

export function parseSweepArgs(argv: string[]): SweepArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string' },
      installation: { type: 'string' },
      'dry-run': { type: 'boolean' },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(values.repo))
    throw new Error(`--repo must be owner/name, got '${values.repo}'`);
  const installation = values.installation === undefined ? undefined : Number(values.installation);
  if (installation !== undefined && (!Number.isInteger(installation) || installation < 1))
    throw new Error(`--installation must be an installation id (a whole number), got '${values.installation}'`);
  return {
    dryRun: values['dry-run'] ?? false,
    help: values.help ?? false,
    ...(values.repo !== undefined ? { repo: values.repo } : {}),
    ...(installation !== undefined ? { installation } : {}),
    ...(values.state !== undefined ? { state: values.state } : {}),
  };
}

/** Runs one sweep; resolves with the exit code. */
export async function runSweepCommand(argv: string[], io: SweepIo): Promise<number> {
  let args: SweepArgs;
  try {
    args = parseSweepArgs(argv);
  } catch (err) {
    io.stderr(`kubemend sweep: ${(err as Error).message} (see kubemend sweep --help)\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(SWEEP_HELP);
    return 0;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = parseSweepEnv(process.env);
  if (!parsed.ok) {
    io.stderr(
      `kubemend sweep: cannot start, fix the environment (see docs/app.md and .env.example):\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`,
    );
    return 1;
  }
  const { sweepWithApp } = await import('./sweep-with-app.js');
  return sweepWithApp(parsed.env, args, io);
}

export type { SweepEnv };
