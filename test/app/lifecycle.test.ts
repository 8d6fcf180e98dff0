import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { createHarness, type Harness } from './harness.js';
import { alertPayload, example, exampleAt, webRunAsRootAlert } from './payloads.js';
import { exampleRepoFiles } from './repo-files.js';

const openapi = createOpenApiValidator();
const repoInfo = example('code_scanning_alert', 'created').repository as {
  name: string;
  owner: { login: string };
  default_branch: string;
};
const BASE = repoInfo.default_branch;
// The defaults, not the example's own config: these tests count reads and writes of the App's mechanics.
const files = exampleRepoFiles({ withConfig: false });
const WEB = 'apps/web/deployment.yaml';
const API = 'apps/api/api.yaml';
const BRANCH = 'kubemend/run-as-non-root';

let gh: FakeGitHub;
let app: Harness;

function setup(extra: Record<string, string> = {}, otherConfigs: Record<string, string> = {}) {
  gh = new FakeGitHub({
    owner: repoInfo.owner.login,
    repo: repoInfo.name,
    defaultBranch: BASE,
    files: { ...files, ...extra },
    openapi,
    otherConfigs,
  }).intercept();
}

beforeEach(async () => {
  app = await createHarness();
});

// Every request the App sent in the test is one GitHub documents, with a body its schema accepts.
afterEach(assertNoApiProblems);

const webRoot = (n: number) => webRunAsRootAlert(n);
// The init container: the other containers of apps/api/api.yaml are held back by the safety guards (an
// image known to run as root, an explicit allowPrivilegeEscalation: true kept as written).
const shipperRoot = (n: number) =>
  alertPayload({
    number: n,
    ruleId: 'KSV-0012',
    tool: 'Trivy',
    path: API,
    startLine: 31,
    endLine: 34,
    message: "Container 'migrate' of Deployment 'api' should set 'securityContext.runAsNonRoot' to true",
  });
const apiEscalation = (n: number) =>
  alertPayload({
    number: n,
    ruleId: 'KSV-0001',
    tool: 'Trivy',
    path: API,
    startLine: 31,
    endLine: 34,
    message: "Container 'migrate' of Deployment 'api' should set 'securityContext.allowPrivilegeEscalation' to false",
  });

/** GitHub's example push to the default branch, with one commit modifying `paths`. */
function pushPayload(paths: string[]) {
  const payload = pushOnDefaultBranch();
  payload.commits[0].modified = paths;
  payload.head_commit = { ...payload.commits[0] };
  return payload;
}

function pushOnDefaultBranch() {
  // The examples include pushes of tags; take the first to the default branch, with its installation.
  for (let i = 0; ; i++) {
    const p = exampleAt('push', i);
    if (p.ref === `refs/heads/${p.repository.default_branch}` && p.installation) return p;
  }
}

const writeLog = () => gh.writes().map((w) => `${w.method} ${w.template}`);

describe('pull request lifecycle', () => {
  it('regenerates the branch from the current base when the fixes change and only the App has pushed', async () => {
    setup();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    const firstCommit = gh.pulls[0]!.headSha;
    gh.push(BASE, { 'README.md': 'docs changed on the base\n' });
    gh.resetLog();
    await app.deliver('code_scanning_alert', shipperRoot(2), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    expect(writeLog()).toEqual([
      'POST /repos/{owner}/{repo}/git/trees',
      'POST /repos/{owner}/{repo}/git/commits',
      'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
    ]);
    const pr = gh.pulls[0]!;
    expect(pr.headSha).not.toBe(firstCommit);
    expect(gh.commits.get(pr.headSha)?.parents).toEqual([gh.refs.get(BASE)]);
    const after = gh.filesAt(pr.headSha);
    // The earlier fix is kept (carried from the pull request's metadata), the new one added, the base's change included.
    expect(after[WEB]).toBe(`${files[WEB]}          securityContext:\n            runAsNonRoot: true\n`);
    const migrate = '        args: ["migrate", "--wait"]\n';
    expect(after[API]).toBe(
      files[API]!.replace(migrate, `${migrate}        securityContext:\n          runAsNonRoot: true\n`),
    );
    expect(after['README.md']).toBe('docs changed on the base\n');
    expect(pr.body).toContain('| `apps/api/api.yaml` | Deployment/api (ns shop) |');
    expect(pr.body).toContain('| `apps/web/deployment.yaml` | Deployment/web (ns shop) | containers/web |');
  });

  it('never overwrites a human commit on the branch: comments once that the pull request is stale', async () => {
    setup();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    const humanSha = gh.push(BRANCH, { 'NOTES.md': 'reviewer note\n' });
    gh.resetLog();
    await app.deliver('code_scanning_alert', shipperRoot(2), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get(BRANCH)).toBe(humanSha);
    expect(writeLog()).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
    ]);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toMatch(
      /^kubemend would now propose different changes for this pull request, but someone else has pushed/,
    );
    gh.resetLog();
    await app.deliver('code_scanning_alert', shipperRoot(3), 'd-3');
    expect(writeLog()).toEqual([]);
    expect(gh.comments).toHaveLength(1);
    expect(gh.refs.get(BRANCH)).toBe(humanSha);
  });

  it('closes the pull request with a comment when the manifest was fixed by hand', async () => {
    setup();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    gh.push(BASE, {
      [WEB]: `${files[WEB]}          securityContext:\n            runAsNonRoot: true   # fixed by hand\n`,
    });
    gh.resetLog();
    await app.deliver('code_scanning_alert', apiEscalation(2), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls.map((p) => [p.head, p.state])).toEqual([
      [BRANCH, 'closed'],
      ['kubemend/no-privilege-escalation', 'open'],
    ]);
    // The comment carries a hidden key so a run cut short between comment and close does not comment twice.
    expect(gh.comments.map((c) => [c.issue, c.body])).toEqual([
      [
        1,
        'The base branch no longer needs these changes (the manifests were fixed another way), so kubemend is closing this pull request.\n\n<!-- kubemend:comment close -->',
      ],
    ]);
  });

  it('on a push to the default branch that fixes the manifest by hand, closes the pull request', async () => {
    setup();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    gh.push(BASE, { [WEB]: `${files[WEB]}          securityContext:\n            runAsNonRoot: true\n` });
    await app.deliver('push', pushPayload([WEB]), 'p-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls.map((p) => p.state)).toEqual(['closed']);
    expect(gh.comments.map((c) => c.issue)).toEqual([1]);
  });

  it('on a push that changes the patched manifest, regenerates the pull request from the new base', async () => {
    setup();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    const changed = files[WEB]!.replace(
      'image: ghcr.io/example/shop-web:2.14.1',
      'image: ghcr.io/example/shop-web:2.15.0',
    );
    gh.push(BASE, { [WEB]: changed });
    gh.resetLog();
    await app.deliver('push', pushPayload([WEB]), 'p-2');
    expect(app.jobErrors).toEqual([]);
    // Same fix, same fingerprint: no rebase storm, the branch is left as it is.
    expect(writeLog()).toEqual([]);
    expect(gh.pulls.map((p) => p.state)).toEqual(['open']);
  });

  it('queues nothing for pushes that touch no manifest or go to another branch', async () => {
    setup();
    await app.deliver('push', pushPayload(['README.md']), 'p-3');
    const other = pushPayload([WEB]);
    other.ref = 'refs/heads/feature';
    await app.deliver('push', other, 'p-4');
    expect(gh.requests).toEqual([]);
  });

  it('reads only the config, base ref and open pull requests on a manifest push when the App has no pull request open', async () => {
    setup();
    await app.deliver('push', pushPayload([WEB]), 'p-5');
    expect(app.jobErrors).toEqual([]);
    expect(gh.requests.filter((r) => !r.path.startsWith('/app/')).map((r) => `${r.method} ${r.template}`)).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path}',
      'GET /repos/{owner}/{repo}/contents/{path}',
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
      'GET /repos/{owner}/{repo}/pulls',
    ]);
  });

  it('caps open pull requests at prLimit', async () => {
    setup({ '.github/kubemend.yml': 'pullRequests:\n  prLimit: 1\n' });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    await app.deliver('code_scanning_alert', apiEscalation(2), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls.map((p) => p.head)).toEqual([BRANCH]);
  });

  it('reports an invalid configuration once, with file, line and problem, and does nothing else', async () => {
    setup({ '.github/kubemend.yml': '# org defaults apply\npullRequests:\n  grouping: per-team\n' });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    await app.deliver('code_scanning_alert', webRoot(2), 'd-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls).toEqual([]);
    expect(gh.checkRuns).toHaveLength(1);
    const run = gh.checkRuns[0]!;
    expect(run.name).toBe('kubemend / configuration');
    expect(run.conclusion).toBe('failure');
    expect(run.head_sha).toBe(gh.refs.get(BASE));
    expect(run.output.title).toBe('1 problem in .github/kubemend.yml');
    expect(run.output.summary).toContain('- .github/kubemend.yml:3: pullRequests.grouping: Invalid option');
    expect(writeLog()).toEqual(['POST /repos/{owner}/{repo}/check-runs']);
  });

  it('reports YAML the config loader cannot parse, with its line', async () => {
    setup({ '.github/kubemend.yml': 'pullRequests:\n  labels: [a, b\n' });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toEqual([]);
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]!.output.summary).toMatch(/- \.github\/kubemend\.yml:\d+: /);
  });

  it('opens drafts with the configured labels and branch prefix', async () => {
    setup({ '.github/kubemend.yml': 'pullRequests:\n  draft: true\n  labels: [posture]\n  branchPrefix: bots/km-\n' });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls.map((p) => [p.head, p.draft, p.labels])).toEqual([['bots/km-run-as-non-root', true, ['posture']]]);
  });

  it('follows _extends to the organisation defaults; the repository file wins section by section', async () => {
    const org = 'pullRequests:\n  labels: [org-security]\n  draft: true\n';
    setup({ '.github/kubemend.yml': '_extends: .github\npullRequests:\n  draft: false\n' }, { '.github': org });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls.map((p) => [p.draft, p.labels])).toEqual([[false, ['org-security']]]);
  });

  it('uses the organisation .github repository when the repository has no config', async () => {
    setup({}, { '.github': 'pullRequests:\n  labels: [from-org]\n' });
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    expect(gh.pulls.map((p) => p.labels)).toEqual([['from-org']]);
  });

  it("ignores pull requests that are not the App's own even when they carry its metadata", async () => {
    setup();
    await app.deliver('code_scanning_alert', webRoot(1), 'd-1');
    const pr = gh.pulls[0]!;
    pr.user = { login: 'mallory', type: 'User' };
    gh.resetLog();
    await app.deliver('code_scanning_alert', shipperRoot(2), 'd-2');
    // Not recognised as the App's: no regenerate of mallory's pull request; the branch is not the App's to reuse.
    expect(gh.refs.get(BRANCH)).toBe(pr.headSha);
    expect(writeLog()).toEqual([]);
  });
});
