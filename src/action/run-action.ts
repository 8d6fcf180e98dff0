/**
 * The Action: inputs → the mode's run → outputs, job summary, exit code. A problem with the workflow's
 * inputs or the repository's settings (ActionError) is one `::error::` line and exit 1; anything else is a
 * bug and propagates with its stack.
 */
import { CONFIG_CHECK_NAME } from '../bot/config/report-config-problem.js';
import type { RunResult } from '../model.js';
import type { NotScanned } from '../report/not-scanned.js';
import { ActionError } from './action-error.js';
import { createActionLog } from './action-log.js';
import { type ActionInputs, type RunnerEnv, readInputs, readRunnerEnv } from './inputs.js';
import { runLocal } from './local-run.js';
import { runPullRequest } from './pull-request-run.js';
import { annotation, appendSummary, writeOutput } from './workflow-commands.js';

export interface ActionIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
}

export type ActionExitCode = 0 | 1;

/** Every output the step writes, in every mode; action.yml declares exactly these. */
export const OUTPUT_NAMES = ['fixes', 'pull-request-number', 'sarif-file'] as const;
type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>;

function finish(env: RunnerEnv, outputs: Outputs, summary: string): void {
  if (env.outputFile) for (const [name, value] of Object.entries(outputs)) writeOutput(env.outputFile, name, value);
  if (env.summaryFile) appendSummary(env.summaryFile, summary);
}

/** plan and fix fail when a file could not be processed, as `kubemend plan|fix` do (docs/cli.md, exit codes). */
function localExitCode(result: RunResult, notScanned: readonly NotScanned[]): ActionExitCode {
  return result.files.some((f) => f.error) || notScanned.some((n) => n.code === 'unreadable') ? 1 : 0;
}

async function runMode(inputs: ActionInputs, env: RunnerEnv, io: ActionIo): Promise<ActionExitCode> {
  if (inputs.mode === 'pull-request') {
    const run = await runPullRequest(inputs, env, { log: createActionLog(io.stdout) });
    finish(
      env,
      {
        fixes: String(run.outcome.stats?.fixes ?? 0),
        'pull-request-number': run.number === undefined ? '' : String(run.number),
        'sarif-file': '',
      },
      run.summary,
    );
    if (run.outcome.outcome !== 'config-invalid') return 0;
    io.stdout(
      annotation(
        'error',
        `kubemend: .github/kubemend.yml or a remediation file it names is invalid: nothing was proposed; the problems are in the "${CONFIG_CHECK_NAME}" check run on the default branch`,
      ),
    );
    return 1;
  }
  const run = await runLocal({ ...inputs, mode: inputs.mode }, env);
  io.stdout(run.log);
  finish(
    env,
    { fixes: String(run.result.summary.fixes), 'pull-request-number': '', 'sarif-file': run.sarifFile ?? '' },
    run.summary,
  );
  // sarif mode reports what it could not process inside the SARIF log; the upload step after it must run.
  return inputs.mode === 'sarif' ? 0 : localExitCode(run.result, run.notScanned);
}

/** Runs the step; resolves with the process's exit code. */
export async function runAction(io: ActionIo): Promise<ActionExitCode> {
  try {
    const inputs = readInputs(io.env);
    // The runner masks secrets it knows; a token passed some other way is masked here before anything prints.
    if (inputs.token) io.stdout(`::add-mask::${inputs.token}\n`);
    return await runMode(inputs, readRunnerEnv(io.env), io);
  } catch (err) {
    if (!(err instanceof ActionError)) throw err;
    io.stdout(annotation('error', `kubemend: ${err.message}`));
    return 1;
  }
}
