import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { createHarness, type Harness } from './harness.js';
import { alertPayload, example, webRunAsRootAlert } from './payloads.js';
import { exampleRepoFiles } from './repo-files.js';

const openapi = createOpenApiValidator();
const repoInfo = example('code_scanning_alert', 'created').repository as {
  name: string;
  owner: { login: string };
  default_branch: string;
};
// The defaults, not the example's own config: these tests count reads and writes of the App's mechanics.
const files = exampleRepoFiles({ withConfig: false });
const WEB = 'apps/web/deployment.yaml';
const RUN_AS_NON_ROOT_ADDED = '          securityContext:\n            runAsNonRoot: true\n';

let gh: FakeGitHub;
let app: Harness;

beforeEach(async () => {
  gh = new FakeGitHub({
    owner: repoInfo.owner.login,
    repo: repoInfo.name,
    defaultBranch: repoInfo.default_branch,
    files,
    openapi,
  }).intercept();
  app = await createHarness();
});

// Every request the App sent in the test is one GitHub documents, with a body its schema accepts.
afterEach(assertNoApiProblems);

const webAlert = webRunAsRootAlert;

function writeLog(): string[] {
  return gh.writes().map((w) => `${w.method} ${w.template}`);
}

const CREATE_WRITES = [
  'POST /repos/{owner}/{repo}/git/trees',
  'POST /repos/{owner}/{repo}/git/commits',
  'POST /repos/{owner}/{repo}/git/refs',
  'POST /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
];

describe('code_scanning_alert', () => {
  it('opens one pull request whose commit adds exactly the fix to the alert file, in 5 writes and bounded reads', async () => {
    await app.deliver('code_scanning_alert', webAlert(1), 'd-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    const pr = gh.pulls[0]!;
    expect(pr.head).toBe('kubemend/run-as-non-root');
    expect(pr.base).toBe(repoInfo.default_branch);
    expect(pr.labels).toEqual(['security', 'kubemend']);
    expect(pr.draft).toBe(false);
    const after = gh.filesAt(pr.headSha);
    expect(after[WEB]).toBe(files[WEB] + RUN_AS_NON_ROOT_ADDED);
    expect(after).toEqual({ ...files, [WEB]: files[WEB] + RUN_AS_NON_ROOT_ADDED });
    // The commit sits on the base branch's head, made by the App (no author given).
    expect(gh.commits.get(pr.headSha)?.parents).toEqual([gh.refs.get(repoInfo.default_branch)]);
    expect(gh.commits.get(pr.headSha)?.by).toBe('app');
    expect(writeLog()).toEqual(CREATE_WRITES);
    // Reads: config (repo, then org fallback), base ref, open pull requests, one tree listing, the one
    // patched blob, closed pull requests of the branch, and the branch (to reuse a closed PR's branch safely).
    expect(gh.reads().map((r) => r.template)).toEqual([
      '/repos/{owner}/{repo}/contents/{path}',
      '/repos/{owner}/{repo}/contents/{path}',
      '/repos/{owner}/{repo}/git/ref/{ref}',
      '/repos/{owner}/{repo}/pulls',
      '/repos/{owner}/{repo}/git/trees/{tree_sha}',
      '/repos/{owner}/{repo}/git/blobs/{file_sha}',
      '/repos/{owner}/{repo}/pulls',
      '/repos/{owner}/{repo}/git/ref/{ref}',
    ]);
    expect(pr.title).toBe('kubemend: Run containers as a non-root user (1 workload)');
    expect(pr.body).toContain('| `apps/web/deployment.yaml` | Deployment/web (ns shop) | containers/web |');
    expect(pr.body).toContain('trivy `KSV-0012`');
    expect(pr.body).toContain('+          securityContext:\n+            runAsNonRoot: true\n');
  });

  it('ignores a redelivery of the same delivery: one pull request, no requests at all', async () => {
    await app.deliver('code_scanning_alert', webAlert(1), 'd-1');
    gh.resetLog();
    await app.deliver('code_scanning_alert', webAlert(1), 'd-1');
    expect(gh.requests).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
  });

  it('opens one pull request for two alerts that ask for the same fix; the second writes nothing', async () => {
    await app.deliver('code_scanning_alert', webAlert(1), 'd-1');
    gh.resetLog();
    await app.deliver('code_scanning_alert', webAlert(2, 'reopened'), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    expect(writeLog()).toEqual([]);
  });

  it('does not propose a fix again after its pull request was closed without merging', async () => {
    await app.deliver('code_scanning_alert', webAlert(1), 'd-1');
    gh.pulls[0]!.state = 'closed';
    gh.resetLog();
    await app.deliver('code_scanning_alert', webAlert(2), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls.map((p) => p.state)).toEqual(['closed']);
    expect(writeLog()).toEqual([]);
  });

  it('proposes again once the manifest changed after a closed pull request', async () => {
    await app.deliver('code_scanning_alert', webAlert(1), 'd-1');
    gh.pulls[0]!.state = 'closed';
    gh.push(repoInfo.default_branch, { [WEB]: files[WEB]!.replace('replicas: 3', 'replicas: 4') });
    gh.resetLog();
    await app.deliver('code_scanning_alert', webAlert(2), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls.map((p) => p.state)).toEqual(['closed', 'open']);
    // The old branch still pointed at the App's own commit, so it is reused (updated, not created).
    expect(writeLog()).toEqual([
      ...CREATE_WRITES.slice(0, 2),
      'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
      ...CREATE_WRITES.slice(3),
    ]);
    expect(gh.filesAt(gh.pulls[1]!.headSha)[WEB]).toBe(
      files[WEB]!.replace('replicas: 3', 'replicas: 4') + RUN_AS_NON_ROOT_ADDED,
    );
  });

  it('skips alerts on other branches and rules without a remediation, reading nothing', async () => {
    const other = alertPayload({
      number: 3,
      ruleId: 'KSV-0012',
      tool: 'Trivy',
      path: WEB,
      startLine: 1,
      endLine: 2,
      message: 'x',
      ref: 'refs/heads/feature',
    });
    await app.deliver('code_scanning_alert', other, 'd-3');
    const unknownRule = alertPayload({
      number: 4,
      ruleId: 'java/sql-injection',
      tool: 'CodeQL',
      path: 'src/Main.java',
      startLine: 1,
      endLine: 1,
      message: 'sql',
    });
    await app.deliver('code_scanning_alert', unknownRule, 'd-4');
    expect(gh.requests).toEqual([]);
    expect(gh.pulls).toEqual([]);
  });

  it('writes nothing for an alert whose path points outside the repository or at no file', async () => {
    for (const [n, path] of [
      [5, '../../etc/passwd'],
      [6, 'apps/missing.yaml'],
    ] as const) {
      await app.deliver(
        'code_scanning_alert',
        alertPayload({ number: n, ruleId: 'KSV-0012', tool: 'Trivy', path, startLine: 1, endLine: 2, message: 'x' }),
        `d-${n}`,
      );
    }
    expect(app.jobErrors).toEqual([]);
    expect(gh.writes()).toEqual([]);
    expect(gh.reads().filter((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}')).toEqual([]);
  });
});

describe('untrusted strings', () => {
  it('escapes mentions, references and HTML from a manifest in the pull request body', async () => {
    const evil = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: evil',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: "app @octocat #1 <img src=x onerror=alert(1)>"',
      '          image: ghcr.io/example/app:1.0', // not an image known to run as root (the guards hold those back)
      '',
    ].join('\n');
    nock.cleanAll(); // replace the fake from beforeEach with one serving the extra file
    gh = new FakeGitHub({
      owner: repoInfo.owner.login,
      repo: repoInfo.name,
      defaultBranch: repoInfo.default_branch,
      files: { ...files, 'apps/evil.yaml': evil },
      openapi,
    }).intercept();
    const alert = alertPayload({
      number: 9,
      ruleId: 'KSV-0012',
      tool: 'Trivy',
      path: 'apps/evil.yaml',
      startLine: 1,
      endLine: 10,
      message: 'ping @admins see #2',
    });
    await app.deliver('code_scanning_alert', alert, 'd-9');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    const body = gh.pulls[0]!.body;
    // Code (the diff block, inline code spans) may show the manifest verbatim: GitHub links no mention or
    // reference there. Everything outside code must be inert; HTML is escaped.
    const outsideCode = body
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '')
      .replace(/<!-- kubemend:(meta|app) [^\n]* -->/g, '');
    expect(outsideCode).not.toMatch(/@octocat|#1\b|(?<!\\)<img|@admins|#2\b/);
  });
});
