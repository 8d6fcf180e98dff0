/**
 * `npm run bench -- sweep`: one sweep over 1,000 simulated repositories (10 installations of 100, listings
 * paged) against the fake GitHub fleet in this process (nock at the HTTP layer, test/bot/sweep-fleet.ts),
 * then a second sweep after 100 of them changed. Prints requests per changed and per unchanged repository,
 * wall time of each sweep and peak RSS. One process, jobs one after another, no write delay: the workers'
 * figures (1 vs 4 workers on Redis) are bench/workers-bench.ts's.
 */
import { existsSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { ProbotOctokit } from 'probot';
import { createDefaultEngine } from '../src/bot/default-engine.js';
import type { BotDeps } from '../src/bot/deps.js';
import { createInProcessLock } from '../src/bot/in-process/lock.js';
import { createWritePacer } from '../src/bot/in-process/pacer.js';
import type { SweepJob } from '../src/bot/jobs.js';
import { runJob } from '../src/bot/run-job.js';
import {
  type SweepOutcome,
  type SweepSummary,
  createMemorySweepState,
  sweepInstallations,
} from '../src/bot/sweep/index.js';
import type { GitHub } from '../src/github/types.js';
import { BUILTIN_DIR } from '../src/remediations/index.js';
import { bare, hardened } from '../test/report/compliance-helpers.js';
import { FakeFleet, installationToken } from '../test/bot/sweep-fleet.js';

const INSTALLATIONS = 10;
const PER_INSTALLATION = 100;
const CHANGED = 100;

function client(token: string): GitHub {
  return new ProbotOctokit({
    auth: { token },
    retry: { enabled: false },
    throttle: { enabled: false },
  }) as unknown as GitHub;
}

function fleetOf(): FakeFleet {
  const fleet = new FakeFleet(undefined, 100);
  for (let i = 0; i < INSTALLATIONS; i++) {
    for (let r = 0; r < PER_INSTALLATION; r++) {
      // One repository in four has a workload to fix (a pull request on the first sweep).
      const manifest = r % 4 === 0 ? bare(`web-${r}`) : hardened(`web-${r}`);
      fleet.add({
        installationId: 100 + i,
        owner: `org-${i}`,
        repo: `repo-${r}`,
        files: {
          '.github/kubemend.yml': 'pullRequests:\n  grouping: all\n',
          'deploy/web.yaml': manifest,
          'README.md': '# repo\n',
        },
      });
    }
  }
  return fleet.intercept();
}

async function timed(fleet: FakeFleet, sweep: () => Promise<SweepSummary>) {
  const from = fleet.requests.length;
  const start = performance.now();
  const summary = await sweep();
  return { summary, ms: performance.now() - start, requests: fleet.requests.slice(from) };
}

export async function run(): Promise<void> {
  // Compiled to .bench/ (rootDir ..), the catalog's `<package root>/remediations` is looked for in .bench/.
  if (!existsSync(BUILTIN_DIR)) symlinkSync(fileURLToPath(new URL('../../remediations', import.meta.url)), BUILTIN_DIR);
  const nock = (await import('nock')).default;
  nock.disableNetConnect();
  const fleet = fleetOf();
  const log = pino({ level: 'silent' });
  const deps: BotDeps = {
    github: async (job) => client(installationToken(job.installationId)),
    engine: createDefaultEngine(),
    pacer: createWritePacer(0),
    lock: createInProcessLock(),
    log,
    botLogin: async () => 'kubemend[bot]',
    sweepState: createMemorySweepState(),
  };
  const sweep = () =>
    sweepInstallations({
      app: client('app'),
      installation: async (id) => client(installationToken(id)),
      sweepOne: (job: SweepJob) => runJob(job, deps) as Promise<SweepOutcome>,
      trigger: 'cli',
      log,
    });
  const repos = INSTALLATIONS * PER_INSTALLATION;
  const perRepo = (requests: Array<{ path: string }>) => requests.filter((r) => r.path.startsWith('/repos/')).length;

  const first = await timed(fleet, sweep);
  // A person changes 100 repositories: a README edit moves the head (nothing to fix changes).
  let n = 0;
  for (const fake of fleet.repos.values())
    if (n++ % (repos / CHANGED) === 0) fake.push('main', { 'README.md': '# repo, edited\n' });
  const second = await timed(fleet, sweep);
  const changed = changedSet(fleet);
  const repoOf = (path: string) => /^\/repos\/([^/]+\/[^/]+)\//.exec(path)?.[1];
  const changedRequests = second.requests.filter((r) => changed.has(repoOf(r.path) ?? ''));
  const unchangedRequests = second.requests.filter(
    (r) => repoOf(r.path) !== undefined && !changed.has(repoOf(r.path) ?? ''),
  );
  const rows = [
    [
      'first sweep (every repository new)',
      `${first.summary.swept} swept, ${first.summary.pullRequests.opened} PRs opened`,
      (perRepo(first.requests) / repos).toFixed(1),
      `${(first.ms / 1000).toFixed(1)} s`,
    ],
    [
      'second sweep: unchanged repositories',
      `${second.summary.unchanged}`,
      (unchangedRequests.length / Math.max(1, second.summary.unchanged)).toFixed(2),
      '',
    ],
    [
      'second sweep: changed repositories',
      `${second.summary.swept}`,
      (changedRequests.length / Math.max(1, second.summary.swept)).toFixed(1),
      '',
    ],
    [
      'second sweep (whole)',
      `${repos} repositories, ${second.summary.errors.length} errors`,
      (perRepo(second.requests) / repos).toFixed(2),
      `${(second.ms / 1000).toFixed(1)} s`,
    ],
  ];
  console.log('| sweep of 1,000 repositories | repositories | requests per repository | wall time |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(
    `listing requests per sweep: ${second.requests.filter((r) => !r.path.startsWith('/repos/')).length} (installations and repositories, 100 a page)`,
  );
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  nock.cleanAll();
}

/** The repositories whose README the bench edited (their head is not their first commit's). */
function changedSet(fleet: FakeFleet): Set<string> {
  const out = new Set<string>();
  for (const [name, fake] of fleet.repos)
    if ([...fake.commits.values()].some((c) => c.message === 'human commit')) out.add(name);
  return out;
}
