/**
 * Fault injection at the HTTP layer for every call type of the pull-request path. The App runs with its
 * production GitHub client (retries, rate limits, per-request deadlines); the fake GitHub fails one call
 * type at a time, in every way GitHub can: a 5xx once, a 5xx streak longer than the retries, a secondary
 * rate limit, the primary rate limit, no answer, a dropped connection, and (for writes) a write applied
 * whose answer is lost. After the delivery, and its redelivery when the job failed:
 *
 * - exactly one pull request and one branch, holding the fix (no duplicate, no lost fix);
 * - every failed job was reported (the log, and the *kubemend / run* check run);
 * - every request was one GitHub's OpenAPI description accepts.
 *
 * Waits run on fake timers: the tests advance the clock, never wait for it, and assert waits on it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RUN_CHECK_NAME } from '../../src/bot/report-job-failure.js';
import { parseAppMeta } from '../../src/bot/pull-requests/meta.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { type Fault, FakeGitHub, INSTALLATION_TOKEN, assertNoApiProblems } from '../github/fake-github.js';
import { HARNESS_SECRETS, type Harness, createHarness } from './harness.js';
import { alertPayload, example, webRunAsRootAlert } from './payloads.js';
import { exampleRepoFiles } from './repo-files.js';

const openapi = createOpenApiValidator();
const repoInfo = example('code_scanning_alert', 'created').repository as {
  name: string;
  owner: { login: string };
  default_branch: string;
};
const files = exampleRepoFiles();
const WEB = 'apps/web/deployment.yaml';
const API = 'apps/api/api.yaml';
const BRANCH = 'kubemend/run-as-non-root';
const LABELS = ['security', 'kubemend'];

const webRoot = (n: number) => webRunAsRootAlert(n);
const migrateRoot = (n: number) =>
  alertPayload({
    number: n,
    ruleId: 'KSV-0012',
    tool: 'Trivy',
    path: API,
    startLine: 31,
    endLine: 34,
    message: "Container 'migrate' of Deployment 'api' should set 'securityContext.runAsNonRoot' to true",
  });

// ---- the clock ----

let now = Date.UTC(2026, 0, 1);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now });
});
afterEach(() => {
  // The throttling plugin's limiters are shared by the file's tests: time only moves forward.
  now = Date.now() + 1;
  vi.useRealTimers();
});
afterEach(assertNoApiProblems);

// Requests the App has sent and not had answered yet (the clock must not move under them).
let inFlight = 0;
const realFetch = globalThis.fetch;
beforeEach(() => {
  globalThis.fetch = async (input, init) => {
    inFlight++;
    try {
      // The body is read here, so "answered" means the App has all of it.
      const res = await realFetch(input, init);
      const body = [204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      inFlight--;
    }
  };
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Lets the real event loop run until no request is on its way (except those a fault holds forever). */
async function untilQuiet(): Promise<void> {
  for (let turn = 0, idle = 0; idle < 20; turn++) {
    if (turn > 100_000) throw new Error(`a request never finished (${inFlight} in flight)`);
    await new Promise((resolve) => setImmediate(resolve));
    idle = inFlight <= gh.hanging ? idle + 1 : 0;
  }
}

/**
 * Runs the fake clock until `work` settles: let the App work until no answer is on its way, then move the
 * clock to the next timer, and again. Time never jumps past a timer and never moves under a request, so
 * waits measured on the fake clock are exact.
 */
async function settle<T>(work: Promise<T>): Promise<T> {
  let done = false;
  const watched = work.finally(() => (done = true));
  watched.catch(() => undefined);
  for (let step = 0; !done; step++) {
    if (step > 10_000) throw new Error('the App did not settle');
    await untilQuiet();
    if (!done) vi.advanceTimersToNextTimer();
  }
  return watched;
}

// ---- scenarios ----

const at = (call: string) => call.split(' ').slice(1).join(' ');
const secondary: Fault = {
  kind: 'status',
  status: 403,
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  headers: { 'retry-after': '3' },
};
const primary = (resetInSeconds: number): Fault => ({
  kind: 'status',
  status: 429,
  message: 'API rate limit exceeded for installation.',
  headers: {
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
  },
});
const bad: Fault = { kind: 'status', status: 502, message: 'Server Error' };
/** A 5xx on every attempt until the delivery has been handled: longer than any retry. */
const OUTAGE = 1000;

const READS = [
  'GET /repos/{owner}/{repo}/contents/{path}',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'GET /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
];
const WRITES = [
  'POST /repos/{owner}/{repo}/git/trees',
  'POST /repos/{owner}/{repo}/git/commits',
  'POST /repos/{owner}/{repo}/git/refs',
  'POST /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
];
const TOKEN = 'POST /app/installations/{installation_id}/access_tokens';

let gh: FakeGitHub;
let app: Harness;

async function setup(): Promise<void> {
  gh = new FakeGitHub({
    owner: repoInfo.owner.login,
    repo: repoInfo.name,
    defaultBranch: repoInfo.default_branch,
    files,
    openapi,
  }).intercept();
  app = await createHarness({ reliable: true, settle });
}

/**
 * Delivers; when the job failed, checks it was logged, lets GitHub recover, and redelivers (same id), as an
 * operator would.
 */
async function deliverUntilDone(
  name: string,
  payload: Record<string, unknown>,
  id: string,
): Promise<{ failed: boolean }> {
  const before = app.jobErrors.length;
  await app.deliver(name, payload, id);
  gh.clearFaults();
  if (app.jobErrors.length === before) return { failed: false };
  expect(
    app
      .logs()
      .some(
        (l) =>
          l.msg === 'job failed after retries; reported, and runs again on redelivery or the next event' &&
          l.delivery === id,
      ),
  ).toBe(true);
  await app.deliver(name, payload, id);
  expect(app.jobErrors).toHaveLength(before + 1);
  return { failed: true };
}

/** One pull request, one branch, the fix in its commit, its labels, its metadata naming its head. */
function expectConverged(expectedFiles: string[] = [WEB]): void {
  expect(gh.pulls.map((p) => [p.head, p.state])).toEqual([[BRANCH, 'open']]);
  expect([...gh.refs.keys()].filter((r) => r.startsWith('kubemend/'))).toEqual([BRANCH]);
  const pr = gh.pulls[0]!;
  expect(pr.headSha).toBe(gh.refs.get(BRANCH));
  expect(parseAppMeta(pr.body)?.commit).toBe(pr.headSha);
  const tree = gh.filesAt(pr.headSha);
  for (const path of expectedFiles) expect(tree[path]).toContain('runAsNonRoot: true');
  expect(pr.labels).toEqual(LABELS);
  expect(gh.commits.get(pr.headSha)?.parents).toEqual([gh.refs.get(repoInfo.default_branch)]);
}

/** The failing check run, and (the run after it succeeded) the success that clears it. */
function expectReportedAndCleared(): void {
  const runs = gh.checkRuns.filter((r) => r.name === RUN_CHECK_NAME).map((r) => r.conclusion);
  expect(runs).toEqual(['failure', 'success']);
  expect(gh.checkRuns.find((r) => r.conclusion === 'failure')?.output.summary).toMatch(
    /kubemend could not finish a run on this repository \(findings job, delivery d-1\)/,
  );
}

describe('faults while opening a pull request', () => {
  beforeEach(setup);

  const cases: Array<[string, string, Fault, number]> = [];
  for (const call of [TOKEN, ...READS, ...WRITES]) {
    cases.push([`${call}: 502 once`, call, bad, 1]);
    cases.push([`${call}: no answer (deadline)`, call, { kind: 'hang' }, 1]);
    cases.push([`${call}: connection dropped`, call, { kind: 'reset' }, 1]);
    cases.push([`${call}: secondary rate limit with retry-after`, call, secondary, 1]);
    cases.push([`${call}: 502 beyond the retries`, call, bad, OUTAGE]);
  }
  for (const call of WRITES) cases.push([`${call}: applied, answer lost`, call, { kind: 'lost' }, 1]);

  it.each(cases)('%s', async (_name, call, fault, times) => {
    gh.inject({ call, fault, times });
    const { failed } = await deliverUntilDone('code_scanning_alert', webRoot(1), 'd-1');
    expectConverged();
    // Only an outage longer than the retries fails the job. Then it was reported, and the redelivery cleared
    // the report; when the outage is on a call the report needs too (a token, the branch head), the log is
    // the report.
    expect(failed).toBe(times === OUTAGE);
    if (!failed) expect(gh.checkRuns).toEqual([]);
    else if (call !== TOKEN && call !== 'GET /repos/{owner}/{repo}/git/ref/{ref}') expectReportedAndCleared();
    else {
      expect(app.logs().map((l) => l.msg)).toContain('could not report the failed job on the repository either');
      expect(gh.checkRuns).toEqual([]);
    }
  });

  it('waits retry-after seconds on a secondary rate limit before retrying', async () => {
    const call = 'POST /repos/{owner}/{repo}/pulls';
    gh.inject({ call, fault: secondary });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    const creates = gh.requests.filter((r) => `${r.method} ${r.template}` === call);
    expect(creates).toHaveLength(2);
    expect(creates[1]!.at - creates[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(app.logs().find((l) => l.limit === 'secondary')).toMatchObject({
      retryAfter: 3,
      retryCount: 0,
      method: 'POST',
    });
    expectConverged();
  });

  it('waits until x-ratelimit-reset when the rate limit is used up', async () => {
    const call = 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}';
    gh.inject({ call, fault: primary(40) });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    const reads = gh.requests.filter((r) => `${r.method} ${r.template}` === call);
    expect(reads).toHaveLength(2);
    expect(reads[1]!.at - reads[0]!.at).toBeGreaterThanOrEqual(40_000);
    expectConverged();
  });

  it('does not wait an hour for the rate limit: the job fails, is reported, and the redelivery succeeds', async () => {
    gh.inject({ call: 'GET /repos/{owner}/{repo}/pulls', fault: primary(3600) });
    const { failed } = await deliverUntilDone('code_scanning_alert', webRoot(1), 'd-1');
    expect(failed).toBe(true);
    expectReportedAndCleared();
    expectConverged();
  });

  it('backs off 1, 4, 9, 16, 25 s on a 5xx streak', async () => {
    const call = 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}';
    gh.inject({ call, fault: bad, times: 5 });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    const first = gh.requests.find((r) => `${r.method} ${r.template}` === call);
    const tries = gh.requests.filter((r) => r.path === first?.path).map((r) => r.at);
    const gaps = tries.slice(1).map((t, i) => Math.round((t - tries[i]!) / 1000));
    expect(gaps).toEqual([1, 4, 9, 16, 25]);
    expect(app.jobErrors).toEqual([]);
    expectConverged();
  });

  it('a job whose report fails too is still logged, and its redelivery succeeds', async () => {
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: bad, times: OUTAGE });
    gh.inject({ call: 'POST /repos/{owner}/{repo}/check-runs', fault: bad, times: OUTAGE });
    const { failed } = await deliverUntilDone('code_scanning_alert', webRoot(1), 'd-1');
    expect(failed).toBe(true);
    expect(app.logs().map((l) => l.msg)).toContain('could not report the failed job on the repository either');
    expectConverged();
  });

  it('a transient failure reading the configuration is a failed run, never an invalid configuration', async () => {
    gh.inject({ call: 'GET /repos/{owner}/{repo}/contents/{path}', fault: bad, times: OUTAGE });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    expect(app.jobErrors).toHaveLength(1);
    expect(gh.checkRuns.map((r) => [r.name, r.conclusion])).toEqual([[RUN_CHECK_NAME, 'failure']]);
    expect(gh.pulls).toEqual([]);
  });

  it('drops a redelivery while the first is in flight and after it succeeded', async () => {
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    gh.resetLog();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    expect(gh.requests).toEqual([]);
    expect(
      app
        .logs()
        .filter((l) => l.msg === 'duplicate delivery ignored')
        .map((l) => l.state),
    ).toEqual(['done']);
  });

  it('prints no secret: not the private key, the webhook secret, the installation token or a JWT', async () => {
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: bad, times: OUTAGE });
    gh.inject({
      call: TOKEN,
      fault: { kind: 'status', status: 401, message: `bad credentials for ${INSTALLATION_TOKEN}` },
      skip: 1,
    });
    await deliverUntilDone('code_scanning_alert', webRoot(1), 'd-1');
    const written = app.logText() + JSON.stringify([gh.pulls, gh.comments, gh.checkRuns]);
    const keyLines = HARNESS_SECRETS.privateKey.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
    for (const secret of [...keyLines, HARNESS_SECRETS.webhookSecret, INSTALLATION_TOKEN])
      expect(written).not.toContain(secret);
    expect(written).not.toMatch(/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/);
  });
});

describe('faults while updating a pull request', () => {
  beforeEach(async () => {
    await setup();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    gh.resetLog();
  });

  const UPDATES = [
    'POST /repos/{owner}/{repo}/git/trees',
    'POST /repos/{owner}/{repo}/git/commits',
    'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
    'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  ];
  const cases: Array<[string, string, Fault, number]> = [];
  for (const call of UPDATES) {
    cases.push([`${call}: 502 beyond the retries`, call, bad, OUTAGE]);
    cases.push([`${call}: applied, answer lost`, call, { kind: 'lost' }, 1]);
    cases.push([`${call}: no answer (deadline)`, call, { kind: 'hang' }, 1]);
  }

  it.each(cases)('%s', async (_name, call, fault, times) => {
    gh.inject({ call, fault, times });
    const { failed } = await deliverUntilDone('code_scanning_alert', migrateRoot(2), 'd-2');
    expect(failed).toBe(times === OUTAGE);
    // Both fixes in the one pull request; after a branch moved but a body not updated, the head is still
    // recognised as the App's own commit (regenerated, never called stale).
    expectConverged([WEB, API]);
    expect(gh.comments).toEqual([]);
  });

  it('adds back labels removed from an open pull request', async () => {
    gh.pulls[0]!.labels = ['security'];
    await app.deliver('code_scanning_alert', webRoot(3), 'd-3');
    expect(gh.writes().map((w) => `${w.method} ${w.template}`)).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    ]);
    expect(gh.writes()[0]!.body).toEqual({ labels: ['kubemend'] });
    expectConverged();
  });
});

describe('a branch left without its pull request', () => {
  beforeEach(setup);

  it('is adopted as it is when it holds exactly the proposal', async () => {
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: bad, times: OUTAGE });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    gh.clearFaults();
    const left = gh.refs.get(BRANCH);
    gh.resetLog();
    await app.deliver('code_scanning_alert', webRoot(2), 'd-2');
    expect(gh.refs.get(BRANCH)).toBe(left);
    expect(gh.writes().map((w) => `${w.method} ${w.template}`)).toEqual([
      'POST /repos/{owner}/{repo}/git/trees',
      'POST /repos/{owner}/{repo}/pulls',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'POST /repos/{owner}/{repo}/check-runs',
    ]);
    expectConverged();
  });

  it("is replaced when the base moved since (its head is the App's own commit)", async () => {
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: bad, times: OUTAGE });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    gh.clearFaults();
    const left = gh.refs.get(BRANCH);
    gh.push(repoInfo.default_branch, { 'README.md': 'moved on\n' });
    await app.deliver('code_scanning_alert', webRoot(2), 'd-2');
    expect(gh.refs.get(BRANCH)).not.toBe(left);
    expectConverged();
  });

  it('is left alone when someone else committed there, and that is logged', async () => {
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: bad, times: OUTAGE });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    gh.clearFaults();
    const human = gh.push(BRANCH, { 'NOTES.md': 'mine\n' });
    await app.deliver('code_scanning_alert', webRoot(2), 'd-2');
    expect(gh.refs.get(BRANCH)).toBe(human);
    expect(gh.pulls).toEqual([]);
    expect(
      app
        .logs()
        .find((l) => l.msg === "branch holds commits that are not kubemend's; left as it is, fixes not proposed"),
    ).toMatchObject({ branch: BRANCH });
  });
});

describe('hostile input', () => {
  beforeEach(setup);

  it('logs findings that name a path outside the repository, and reads and writes nothing for them', async () => {
    const alert = alertPayload({
      number: 7,
      ruleId: 'KSV-0012',
      tool: 'Trivy',
      path: '../../etc/passwd',
      startLine: 1,
      endLine: 2,
      message: 'x',
    });
    await app.deliver('code_scanning_alert', alert, 'd-7');
    expect(app.jobErrors).toEqual([]);
    expect(gh.writes()).toEqual([]);
    expect(
      gh
        .reads()
        .filter((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}')
        .map((r) => r.path),
    ).not.toContain('etc/passwd');
    expect(app.logs().find((l) => l.msg === 'findings naming a path outside the repository dropped')).toMatchObject({
      dropped: 1,
      paths: ['../../etc/passwd'],
    });
  });

  it('reports a YAML bomb in the configuration as an invalid configuration, with a check run', async () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
    ])
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    gh.push(repoInfo.default_branch, { '.github/kubemend.yml': `${rows.join('\n')}\n` });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toEqual([]);
    expect(gh.checkRuns.map((r) => [r.name, r.conclusion])).toEqual([['kubemend / configuration', 'failure']]);
    expect(gh.checkRuns[0]!.output.summary).toMatch(/\.github\/kubemend\.yml/);
  });
});
