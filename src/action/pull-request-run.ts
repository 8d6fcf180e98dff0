/**
 * `pull-request`: the App's repository job run once with the workflow's token. The bot core (bot/run-job.ts)
 * reads `.github/kubemend.yml` and the manifests of the default branch through the API, and opens or updates
 * kubemend's pull requests through the same lifecycle as the App: the same branch names, grouping, body and
 * metadata, so the Action and the App converge on the same pull requests. With findings the job is a
 * findings job; without, kubemend's own detection (a sweep).
 */
import type { Logger } from 'pino';
import { createDefaultEngine } from '../bot/default-engine.js';
import { createInProcessLock } from '../bot/in-process/lock.js';
import { createWritePacer } from '../bot/in-process/pacer.js';
import type { Job } from '../bot/jobs.js';
import { type JobOutcome, runJob } from '../bot/run-job.js';
import { type ClientLog, type GitHub, createGitHubClient, findOpenPullRequest } from '../github/index.js';
import { loadCatalog } from '../remediations/index.js';
import { ActionError } from './action-error.js';
import { expandFindings } from './expand-findings.js';
import type { ActionInputs, RunnerEnv } from './inputs.js';
import { REPO_CONFIG_PATH } from './load-local-config.js';
import { forbiddenPullRequest } from './pull-requests-forbidden.js';
import { readFindings } from './read-findings.js';
import { type PullRequestLine, pullRequestSummary } from './summary.js';

export interface PullRequestRun {
  outcome: JobOutcome;
  pullRequests: PullRequestLine[];
  /** The first pull request opened or updated, for the `pull-request-number` output. */
  number?: number;
  summary: string;
}

export interface PullRequestRunOptions {
  log: Logger;
  /** Pause after each pull request's writes (GitHub's secondary rate limits). Default: 1000 ms. */
  writeDelayMs?: number;
}

/**
 * Personal and OAuth tokens (`ghp_`, `github_pat_`, `gho_`, `ghu_`) act as a person: kubemend's pull requests
 * would be that person's, and the lifecycle only ever takes a bot's pull requests for its own (anyone can
 * paste its metadata into theirs). Installation tokens (`ghs_`: `GITHUB_TOKEN`, an App's token) act as a bot.
 * https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 */
const PERSON_TOKEN = /^(ghp_|github_pat_|gho_|ghu_)/;

function checkInputs(inputs: ActionInputs): void {
  if (PERSON_TOKEN.test(inputs.token)) {
    throw new ActionError(
      'token-not-a-bot',
      "input token: pull-request mode needs a bot's token (the default ${{ github.token }}, or a GitHub App installation token), not a personal or OAuth token: kubemend only adopts pull requests a bot authored",
    );
  }
  if (inputs.config !== undefined && inputs.config !== REPO_CONFIG_PATH) {
    throw new ActionError(
      'input-invalid',
      `input config: pull-request mode reads ${REPO_CONFIG_PATH} from the default branch, as the App does; remove the input (got "${inputs.config}")`,
    );
  }
  if (inputs.paths.length !== 1 || inputs.paths[0] !== '.') {
    throw new ActionError(
      'input-invalid',
      `input paths: pull-request mode reads the files paths.include of ${REPO_CONFIG_PATH} selects, as the App does; remove the input`,
    );
  }
}

/**
 * The client's log: @octokit/rest logs every request, a failed one as an error, yet the lifecycle expects
 * some answers (404 for a branch not yet pushed) and a real failure surfaces as the job's error. Requests go
 * to debug; the rate-limit waits (warnings) stay warnings.
 */
function clientLog(log: Logger): ClientLog {
  const debug = (fields: object | string, msg?: string) =>
    typeof fields === 'string' ? log.debug(fields) : log.debug(fields, msg);
  return {
    debug,
    info: debug,
    error: debug,
    warn: (fields, msg) => (typeof fields === 'string' ? log.warn(fields) : log.warn(fields, msg)),
  };
}

/** Which pull request each converged branch has now (one read per branch that has one). */
async function pullRequestLines(gh: GitHub, env: RunnerEnv, outcome: JobOutcome): Promise<PullRequestLine[]> {
  const lines: PullRequestLine[] = [];
  for (const r of outcome.pullRequests) {
    const open =
      r.outcome === 'closed' || r.outcome === 'branch-occupied'
        ? undefined
        : await findOpenPullRequest(gh, env, r.branch);
    lines.push({ branch: r.branch, outcome: r.outcome, ...(open ? { number: open.number, url: open.htmlUrl } : {}) });
  }
  return lines;
}

/** Runs the job; a 403 on opening the pull request becomes the one line naming the repository setting. */
export async function runPullRequest(
  inputs: ActionInputs,
  env: RunnerEnv,
  opts: PullRequestRunOptions,
): Promise<PullRequestRun> {
  checkInputs(inputs);
  const catalog = loadCatalog();
  const reports = await expandFindings(inputs.findings, env.workspace);
  const loaded = reports.length > 0 ? await readFindings(reports, env.workspace, catalog.resolveRule) : undefined;
  for (const d of loaded?.diagnostics ?? []) opts.log.warn({ code: d.code, file: d.file }, d.message);
  // The findings describe the checkout; the job reads the default branch, as the App does (docs/action.md).
  opts.log.info(
    { ref: env.ref, sha: env.sha, findings: loaded?.findings.length ?? 0 },
    'pull-request mode: the job reads the default branch through the API',
  );
  const gh = createGitHubClient({ auth: inputs.token, baseUrl: env.apiUrl, log: clientLog(opts.log) });
  const base = { installationId: 0, owner: env.owner, repo: env.repo, deliveryId: `action-${env.runId}` };
  const job: Job = loaded
    ? { ...base, kind: 'findings', findings: loaded.findings }
    : { ...base, kind: 'sweep', trigger: 'action' };
  const deps = {
    github: async () => gh,
    engine: createDefaultEngine(catalog),
    pacer: createWritePacer(opts.writeDelayMs),
    lock: createInProcessLock(),
    log: opts.log,
    botLogin: async () => inputs.botLogin,
  };
  const outcome = await runJob(job, deps).catch((err: unknown) => {
    throw forbiddenPullRequest(err) ?? err;
  });
  const pullRequests = await pullRequestLines(gh, env, outcome);
  const number = pullRequests.find((p) => p.number !== undefined)?.number;
  return {
    outcome,
    pullRequests,
    ...(number !== undefined ? { number } : {}),
    summary: pullRequestSummary(pullRequests, outcome.stats?.fixes ?? 0),
  };
}
