/**
 * Drift sweeps over every installation against GitHub faked at the HTTP layer (nock; every request checked
 * against GitHub's OpenAPI description; test/bot/sweep-fleet.ts): three installations whose repositories
 * come in pages are all swept; a second sweep of an unchanged repository costs at most 3 requests (the
 * head answers 304); a repository fixed by hand gets its pull request closed; the dashboard is created
 * once, then edited. (A box ticked between the dashboard's read and write is kept: test/bot/dashboard.test.ts,
 * "keeps a box ticked between the read and the write", on the same writeDashboard the sweep calls.)
 */
import pino from 'pino';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDefaultEngine } from '../../src/bot/default-engine.js';
import { createInProcessLock } from '../../src/bot/in-process/lock.js';
import { createWritePacer } from '../../src/bot/in-process/pacer.js';
import type { BotDeps } from '../../src/bot/deps.js';
import type { Job, SweepJob } from '../../src/bot/jobs.js';
import { runJob } from '../../src/bot/run-job.js';
import {
  type SweepOutcome,
  type SweepState,
  createMemorySweepState,
  sweepInstallations,
} from '../../src/bot/sweep/index.js';
import type { GitHub } from '../../src/github/types.js';
import { DASHBOARD_MARKER } from '../../src/report/dashboard/index.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { bare, hardened } from '../report/compliance-helpers.js';
import { FakeFleet, installationToken } from './sweep-fleet.js';

const openapi = createOpenApiValidator();
const engine = createDefaultEngine();
const log = pino({ level: 'silent' });
// One pull request for all fixes of a repository keeps the counts readable.
const CONFIG = 'pullRequests:\n  grouping: all\n';

function client(token: string): GitHub {
  return new ProbotOctokit({
    auth: { token },
    retry: { enabled: false },
    throttle: { enabled: false },
  }) as unknown as GitHub;
}

let fleet: FakeFleet;
let state: SweepState;
beforeEach(async () => {
  // Two to a page: every listing is paged through with Link headers.
  fleet = new FakeFleet(openapi, 2).intercept();
  state = createMemorySweepState();
});
afterEach(() => {
  expect(fleet.problems).toEqual([]);
});

function deps(): BotDeps {
  return {
    github: async (job: Pick<Job, 'installationId'>) => client(installationToken(job.installationId)),
    engine,
    pacer: createWritePacer(0),
    lock: createInProcessLock(),
    log,
    botLogin: async () => 'kubemend[bot]',
    sweepState: state,
  };
}

function sweep(only: { installationId?: number; repository?: string } = {}, dryRun = false) {
  const d = deps();
  return sweepInstallations({
    app: client('app-jwt'),
    installation: async (id) => client(installationToken(id)),
    sweepOne: (job: SweepJob) => runJob(job, d) as Promise<SweepOutcome>,
    trigger: 'cli',
    only,
    dryRun,
    log,
  });
}

/** Three installations: 3, 2 and 1 repositories; the first two have a workload to fix. */
function threeInstallations(): void {
  fleet.add({
    installationId: 11,
    owner: 'alpha',
    repo: 'infra',
    files: { '.github/kubemend.yml': CONFIG, 'deploy/web.yaml': bare('web') },
  });
  fleet.add({
    installationId: 11,
    owner: 'alpha',
    repo: 'apps',
    files: { '.github/kubemend.yml': CONFIG, 'k8s/api.yaml': bare('api') },
  });
  fleet.add({ installationId: 11, owner: 'alpha', repo: 'docs', files: { 'README.md': '# docs\n' } });
  fleet.add({
    installationId: 22,
    owner: 'beta',
    repo: 'platform',
    files: { '.github/kubemend.yml': CONFIG, 'app.yaml': hardened('ok') },
  });
  fleet.add({ installationId: 22, owner: 'beta', repo: 'old', files: {}, archived: true });
  fleet.add({
    installationId: 33,
    owner: 'gamma',
    repo: 'cluster',
    files: { '.github/kubemend.yml': CONFIG, 'base/db.yaml': hardened('db') },
  });
}

describe('kubemend sweep over installations', () => {
  it('sweeps every repository of three installations whose listings come in pages', async () => {
    threeInstallations();
    const summary = await sweep();
    expect(summary).toMatchObject({ installations: 3, seen: 6, swept: 5, skipped: 1, unchanged: 0, errors: [] });
    expect(summary.pullRequests).toEqual({ opened: 2, updated: 0, closed: 0 });
    // The pages were followed: installations 2 + 1, installation 11's repositories 2 + 1.
    const listings = fleet.requests.filter(
      (r) => r.path === '/app/installations' || r.path === '/installation/repositories',
    );
    expect(listings).toHaveLength(2 + 2 + 1 + 1);
    // What landed: the fixed manifest in each pull request's commit.
    for (const [name, file] of [
      ['alpha/infra', 'deploy/web.yaml'],
      ['alpha/apps', 'k8s/api.yaml'],
    ] as const) {
      const fake = fleet.repo(name);
      const pr = fake.pulls[0];
      expect(pr?.state).toBe('open');
      const fixed = fake.filesAt(pr?.headSha ?? '')[file] ?? '';
      expect(fixed).toContain('runAsNonRoot: true');
      expect(fixed).toContain('allowPrivilegeEscalation: false');
    }
    expect(fleet.repo('beta/old').requests).toEqual([]);
  });

  it('costs at most 3 requests per unchanged repository on the second sweep, with the head answered 304', async () => {
    threeInstallations();
    await sweep();
    for (const name of ['alpha/infra', 'alpha/apps', 'alpha/docs', 'beta/platform', 'gamma/cluster']) {
      const from = fleet.requests.length;
      const summary = await sweep({ repository: name });
      expect(summary).toMatchObject({ seen: 1, unchanged: 1, swept: 0, errors: [] });
      const calls = fleet.requestsFor(name, from).map((r) => `${r.method} ${r.template ?? r.path}`);
      expect(calls.length, `${name}: ${calls.join(', ')}`).toBeLessThanOrEqual(3);
      expect(calls[0]).toBe('GET /repos/{owner}/{repo}/git/ref/{ref}');
    }
    // A whole second sweep writes nothing.
    const from = fleet.requests.length;
    await sweep();
    expect(fleet.requests.slice(from).filter((r) => r.method !== 'GET' && !r.path.startsWith('/app/'))).toEqual([]);
  });

  it('sweeps again when the head moves, and closes the pull request of a repository fixed by hand', async () => {
    threeInstallations();
    await sweep({ installationId: 11 });
    const infra = fleet.repo('alpha/infra');
    expect(infra.pulls.map((p) => p.state)).toEqual(['open']);
    infra.push('main', { 'deploy/web.yaml': hardened('web') }, 'harden web by hand');
    const summary = await sweep({ installationId: 11 });
    expect(summary).toMatchObject({ seen: 3, swept: 1, unchanged: 2, errors: [] });
    expect(summary.pullRequests).toEqual({ opened: 0, updated: 0, closed: 1 });
    expect(infra.pulls.map((p) => p.state)).toEqual(['closed']);
    // The person's commit is the default branch's head, untouched.
    expect(infra.filesAt(infra.refs.get('main') ?? '')['deploy/web.yaml']).toBe(hardened('web'));
  });

  it('does not propose again a pull request someone closed, when the head moves for another reason', async () => {
    threeInstallations();
    await sweep({ repository: 'alpha/infra' });
    const infra = fleet.repo('alpha/infra');
    const pr = infra.pulls[0];
    if (!pr) throw new Error('no pull request opened');
    pr.state = 'closed';
    infra.push('main', { 'README.md': '# infra\n' }, 'an unrelated change');
    const summary = await sweep({ repository: 'alpha/infra' });
    expect(summary).toMatchObject({ swept: 1, errors: [] });
    expect(summary.pullRequests).toEqual({ opened: 0, updated: 0, closed: 0 });
    expect(infra.pulls.map((p) => p.state)).toEqual(['closed']);
  });

  it('creates the dashboard once, then edits it when the repository changes', async () => {
    const fake = fleet.add({
      installationId: 11,
      owner: 'alpha',
      repo: 'infra',
      files: {
        '.github/kubemend.yml': `${CONFIG}dashboard:\n  enabled: true\n`,
        'deploy/web.yaml': bare('web'),
        'deploy/db.yaml': bare('db'),
      },
    });
    const first = await sweep();
    expect(first).toMatchObject({ swept: 1, dashboards: 1 });
    expect(fake.issues).toHaveLength(1);
    const created = { ...fake.issues[0] };
    expect(created?.body).toContain(DASHBOARD_MARKER);
    expect(created?.body).toContain('#1');
    fake.push('main', { 'deploy/db.yaml': hardened('db') }, 'harden db by hand');
    const second = await sweep();
    expect(second).toMatchObject({ swept: 1, dashboards: 1, errors: [] });
    expect(fake.issues).toHaveLength(1);
    expect(fake.issues[0]?.body).not.toBe(created?.body);
    const patches = fake.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/issues/${created?.number}`));
    expect(patches).toHaveLength(1);
  });

  it('skips a repository whose config turns sweeps off, unless a person asks (a dispatch)', async () => {
    const fake = fleet.add({
      installationId: 11,
      owner: 'alpha',
      repo: 'infra',
      files: { '.github/kubemend.yml': `${CONFIG}sweep:\n  enabled: false\n`, 'deploy/web.yaml': bare('web') },
    });
    expect(await sweep()).toMatchObject({ seen: 1, skipped: 1, swept: 0 });
    expect(fake.pulls).toEqual([]);
    const asked = (await runJob(
      { kind: 'sweep', trigger: 'dispatch', installationId: 11, owner: 'alpha', repo: 'infra', deliveryId: 'd-1' },
      deps(),
    )) as SweepOutcome;
    expect(asked.sweep).toEqual({ status: 'swept', reason: 'requested' });
    expect(fake.pulls.map((p) => p.state)).toEqual(['open']);
  });

  it('reports what it would sweep in a dry run, and writes nothing', async () => {
    threeInstallations();
    const summary = await sweep({}, true);
    expect(summary).toMatchObject({ seen: 6, wouldSweep: 5, swept: 0, skipped: 1 });
    expect(fleet.requests.filter((r) => r.method !== 'GET' && !r.path.startsWith('/app/'))).toEqual([]);
  });
});

describe("the dashboard's 'open a PR for this'", () => {
  it('opens the asked fix first, past prLimit and an earlier closed pull request', async () => {
    fleet.add({
      installationId: 11,
      owner: 'alpha',
      repo: 'infra',
      files: { '.github/kubemend.yml': 'pullRequests:\n  prLimit: 1\n', 'deploy/web.yaml': bare('web') },
    });
    const d = deps();
    const job = (extra: Partial<SweepJob> = {}): SweepJob => ({
      kind: 'sweep',
      trigger: 'dashboard',
      installationId: 11,
      owner: 'alpha',
      repo: 'infra',
      deliveryId: `d-${Math.random()}`,
      ...extra,
    });
    await runJob(job(), d);
    const fake = fleet.repo('alpha/infra');
    expect(fake.pulls).toHaveLength(1); // prLimit 1
    const first = fake.pulls[0]?.head ?? '';
    // A fix the limit held back, asked for by name.
    await runJob(job({ requested: ['run-as-non-root'] }), d);
    const asked = fake.pulls.find((p) => p.head === 'kubemend/run-as-non-root');
    expect(first).not.toBe('kubemend/run-as-non-root');
    expect(asked?.state).toBe('open');
    expect(fake.filesAt(asked?.headSha ?? '')['deploy/web.yaml']).toContain('runAsNonRoot: true');
    // Without asking, the limit holds: nothing more is opened.
    const count = fake.pulls.length;
    await runJob(job(), d);
    expect(fake.pulls).toHaveLength(count);
    // Closed without merging: not proposed again by a plain sweep, proposed again when asked.
    if (asked) asked.state = 'closed';
    await runJob(job(), d);
    expect(fake.pulls.filter((p) => p.head === 'kubemend/run-as-non-root' && p.state === 'open')).toHaveLength(0);
    await runJob(job({ requested: ['run-as-non-root'] }), d);
    expect(fake.pulls.filter((p) => p.head === 'kubemend/run-as-non-root' && p.state === 'open')).toHaveLength(1);
  });
});
