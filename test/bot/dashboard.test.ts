/**
 * The dashboard issue's lifecycle against GitHub faked at the HTTP layer (nock; every request checked
 * against GitHub's OpenAPI description): created once, then edited in place; found by its marker among the
 * App's own open issues only; a box ticked between the App's read and its write is kept; boxes the run
 * acted on are unticked; ticked boxes in an `issues.edited` delivery become one sweep job, only for the
 * App's dashboard and a sender who may write.
 */
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.js';
import type { GitHub } from '../../src/github/types.js';
import { dashboardEditOf, dashboardJobs, publishDashboard, writeDashboard } from '../../src/bot/dashboard/index.js';
import { remediationsRun } from '../../src/report/compliance/index.js';
import {
  DASHBOARD_MARKER,
  parseDashboardState,
  renderDashboard,
  tickedActions,
} from '../../src/report/dashboard/index.js';
import { assertNoApiProblems } from '../github/fake-github.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { example } from '../app/payloads.js';
import { assess, bare, hardened } from '../report/compliance-helpers.js';
import { catalog } from '../remediations/helpers.js';
import { DashboardFake } from './dashboard-fake.js';

const openapi = createOpenApiValidator();
const BOT = 'kubemend[bot]';
const config = ConfigSchema.parse({ dashboard: { enabled: true, title: 'Posture' } });
const remediations = () => remediationsRun(catalog(), config);
const repoRef = { owner: 'octo-org', repo: 'infra' };

function client(): GitHub {
  return new ProbotOctokit({
    auth: { token: 't' },
    retry: { enabled: false },
    throttle: { enabled: false },
  }) as unknown as GitHub;
}

let fake: DashboardFake;
beforeEach(() => {
  fake = new DashboardFake({ ...repoRef, files: {}, openapi }).intercept();
});
afterEach(() => assertNoApiProblems());

/** Requests to the issues API since `from`, as `METHOD path`. */
function issueCalls(from = 0): string[] {
  return fake.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`);
}

const before = () => assess({ 'a.yaml': bare('web'), 'b.yaml': hardened('ok') }).posture;
const after = () => assess({ 'a.yaml': hardened('web'), 'b.yaml': hardened('ok') }).posture;

describe('the dashboard issue', () => {
  it('is created once, then edited in place: never duplicated, history kept', async () => {
    // Look-alikes that are not the dashboard: a person's issue quoting the marker, the App's own pull request.
    fake.addIssue({
      title: 'copy',
      body: `${DASHBOARD_MARKER}{"v":1,"history":[]} -->`,
      user: { login: 'mallory', type: 'User' },
    });
    fake.pulls.push({
      number: 9,
      state: 'open',
      merged: false,
      title: 'fix',
      body: `${DASHBOARD_MARKER} -->`,
      head: 'kubemend/x',
      headSha: '',
      base: 'main',
      draft: false,
      user: { login: BOT, type: 'Bot' },
      labels: [],
      fromFork: false,
    });
    const gh = client();
    const first = await publishDashboard(gh, repoRef, {
      config,
      botLogin: BOT,
      posture: before(),
      remediations: remediations(),
      now: '2026-11-29T08:00:00Z',
    });
    expect(first).toEqual({ number: 10, outcome: 'created' });
    expect(issueCalls()).toEqual(['GET /repos/octo-org/infra/issues', 'POST /repos/octo-org/infra/issues']);
    expect(fake.requests[0]?.path).toContain('creator=kubemend%5Bbot%5D');
    const n = fake.requests.length;
    const second = await publishDashboard(gh, repoRef, {
      config,
      botLogin: BOT,
      posture: after(),
      remediations: remediations(),
      now: '2026-11-30T08:00:00Z',
      openPullRequests: [{ number: 9, title: 'fix' }],
    });
    expect(second).toEqual({ number: 10, outcome: 'updated' });
    expect(issueCalls(n)).toEqual([
      'GET /repos/octo-org/infra/issues',
      'GET /repos/octo-org/infra/issues/10',
      'PATCH /repos/octo-org/infra/issues/10',
    ]);
    const dashboards = fake.issues.filter((i) => i.user.login === BOT);
    expect(dashboards.length).toBe(1);
    const body = dashboards[0]?.body ?? '';
    expect(dashboards[0]?.title).toBe('Posture');
    expect(parseDashboardState(body)?.history.map((h) => h.at)).toEqual([
      '2026-11-29T08:00:00Z',
      '2026-11-30T08:00:00Z',
    ]);
    expect(body).toContain('```mermaid\nxychart-beta');
    expect(body).toContain('**Posture score: 100.0%**');
    expect(body).toContain('- #9 fix');
    // The person's issue is untouched.
    expect(fake.issues[0]?.body).toBe(`${DASHBOARD_MARKER}{"v":1,"history":[]} -->`);
  });

  it('uses the number a sweep remembered (2 requests), and searches when that issue is gone or closed', async () => {
    const gh = client();
    const created = await publishDashboard(gh, repoRef, {
      config,
      botLogin: BOT,
      posture: before(),
      remediations: remediations(),
      now: '2026-11-29T08:00:00Z',
    });
    const n = fake.requests.length;
    await publishDashboard(gh, repoRef, {
      config,
      botLogin: BOT,
      posture: after(),
      remediations: remediations(),
      now: '2026-11-30T08:00:00Z',
      knownNumber: created?.number as number,
    });
    expect(issueCalls(n)).toEqual(['GET /repos/octo-org/infra/issues/1', 'PATCH /repos/octo-org/infra/issues/1']);
    const m = fake.requests.length;
    const again = await publishDashboard(gh, repoRef, {
      config,
      botLogin: BOT,
      posture: after(),
      remediations: remediations(),
      now: '2026-11-30T09:00:00Z',
      knownNumber: 77,
    });
    expect(again).toEqual({ number: 1, outcome: 'updated' });
    expect(issueCalls(m)).toEqual([
      'GET /repos/octo-org/infra/issues/77',
      'GET /repos/octo-org/infra/issues',
      'GET /repos/octo-org/infra/issues/1',
      'PATCH /repos/octo-org/infra/issues/1',
    ]);
    // Closed by a person: a new one is opened (only open issues are dashboards), the closed one left closed.
    const dash = fake.issues.find((i) => i.number === 1);
    if (dash) dash.state = 'closed';
    const reopened = await publishDashboard(gh, repoRef, {
      config,
      botLogin: BOT,
      posture: after(),
      remediations: remediations(),
      now: '2026-11-30T10:00:00Z',
      knownNumber: 1,
    });
    expect(reopened).toEqual({ number: 2, outcome: 'created' });
    expect(fake.issues.map((i) => [i.number, i.state])).toEqual([
      [1, 'closed'],
      [2, 'open'],
    ]);
  });

  it('keeps a box ticked between the read and the write, and unticks the boxes the run acted on', async () => {
    const gh = client();
    const posture = before();
    const body0 = renderDashboard({
      posture,
      remediations: remediations(),
      now: '2026-11-29T08:00:00Z',
      ticked: new Set(['sweep']),
    }).body;
    const dash = fake.addIssue({ title: 'Posture', body: body0, user: { login: BOT, type: 'Bot' } });
    // A person ticks "open a PR for this" right after the App's search answered.
    fake.afterRead = (kind) => {
      if (kind === 'list') dash.body = dash.body.replace(/- \[ \] (\*\*.*pr:run-as-non-root -->)/, '- [x] $1');
    };
    const wrote = await publishDashboard(gh, repoRef, {
      config,
      botLogin: BOT,
      posture,
      remediations: remediations(),
      now: '2026-11-30T08:00:00Z',
      handled: ['sweep'],
    });
    expect(wrote).toEqual({ number: 1, outcome: 'updated' });
    expect(tickedActions(dash.body)).toEqual(new Set(['pr:run-as-non-root']));
    expect(dash.body).toMatch(
      /^- \[x\] \*\*Run containers as a non-root user\*\* .*<!-- kubemend:action pr:run-as-non-root -->$/m,
    );
    expect(dash.body).toContain('- [ ] Sweep this repository now <!-- kubemend:action sweep -->');
  });

  it('writes nothing when the body would not change, and nothing at all when disabled', async () => {
    const gh = client();
    const render = () => 'same body ' + DASHBOARD_MARKER + '{"v":1,"history":[]} -->';
    fake.addIssue({ title: 'T', body: render(), user: { login: BOT, type: 'Bot' } });
    expect(await writeDashboard(gh, repoRef, { title: 'T', botLogin: BOT, render })).toEqual({
      number: 1,
      outcome: 'unchanged',
    });
    expect(issueCalls()).toEqual(['GET /repos/octo-org/infra/issues', 'GET /repos/octo-org/infra/issues/1']);
    const n = fake.requests.length;
    expect(
      await publishDashboard(gh, repoRef, {
        config: ConfigSchema.parse({}),
        botLogin: BOT,
        posture: before(),
        remediations: remediations(),
      }),
    ).toBeUndefined();
    expect(fake.requests.length).toBe(n);
  });

  it('stays under 65,536 characters as written to GitHub', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++)
      files[`apps/${i}/@team-${'x'.repeat(100)}.yaml`] = bare(`svc-${i}-${'@y'.repeat(60)}`);
    const big = assess(files).posture;
    expect(big.findings.length).toBeGreaterThan(1500);
    await publishDashboard(client(), repoRef, {
      config,
      botLogin: BOT,
      posture: big,
      remediations: remediations(),
      now: '2026-11-30T08:00:00Z',
    });
    const posted = fake.requests.find((r) => r.method === 'POST')?.body as { body: string };
    expect(posted.body.length).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(posted.body)).toBeLessThanOrEqual(65_536);
  });
});

describe('ticked boxes in issues.edited', () => {
  function edited(opts: { from: string; to: string; author?: string; sender?: string }) {
    const p = structuredClone(example('issues', 'edited'));
    p.issue.body = opts.to;
    p.issue.user = { ...p.issue.user, login: opts.author ?? BOT, type: 'Bot' };
    p.sender = { ...p.sender, login: opts.sender ?? 'octocat', type: 'User' };
    p.changes = { body: { from: opts.from } };
    p.installation = { id: 42, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=' };
    return dashboardEditOf(p as Parameters<typeof dashboardEditOf>[0], 'delivery-1');
  }
  const body = () =>
    renderDashboard({ posture: before(), remediations: remediations(), now: '2026-11-30T08:00:00Z' }).body;
  const tick = (b: string, id: string) =>
    b
      .split('\n')
      .map((l) => (l.endsWith(`<!-- kubemend:action ${id} -->`) ? l.replace('- [ ]', '- [x]') : l))
      .join('\n');

  it('one sweep job answering every box ticked by a person who may write', async () => {
    const from = body();
    const edit = edited({ from, to: tick(tick(from, 'sweep'), 'pr:run-as-non-root') });
    const asked: string[] = [];
    const jobs = await dashboardJobs(edit as NonNullable<typeof edit>, {
      botLogin: BOT,
      mayWrite: async (s) => (asked.push(s.login), true),
    });
    expect(asked).toEqual(['octocat']);
    expect(jobs).toEqual([
      {
        kind: 'sweep',
        trigger: 'dashboard',
        installationId: 42,
        owner: 'Codertocat',
        repo: 'Hello-World',
        deliveryId: 'delivery-1',
        requested: ['run-as-non-root'],
        dashboardActions: ['pr:run-as-non-root', 'sweep'],
      },
    ]);
  });

  it('nothing for a sender who may not write, the App itself, a person’s issue, or an edit that ticks nothing', async () => {
    const from = body();
    const to = tick(from, 'sweep');
    const yes = async () => true;
    expect(await dashboardJobs(edited({ from, to }) as never, { botLogin: BOT, mayWrite: async () => false })).toEqual(
      [],
    );
    expect(await dashboardJobs(edited({ from, to, sender: BOT }) as never, { botLogin: BOT, mayWrite: yes })).toEqual(
      [],
    );
    expect(
      await dashboardJobs(edited({ from, to, author: 'mallory' }) as never, { botLogin: BOT, mayWrite: yes }),
    ).toEqual([]);
    expect(await dashboardJobs(edited({ from: to, to }) as never, { botLogin: BOT, mayWrite: yes })).toEqual([]);
    // Unticking is not an action either.
    expect(await dashboardJobs(edited({ from: to, to: from }) as never, { botLogin: BOT, mayWrite: yes })).toEqual([]);
  });
});
