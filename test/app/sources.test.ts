import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { parseAppMeta } from '../../src/bot/pull-requests/meta.js';
import { createHarness, type Harness } from './harness.js';
import { example } from './payloads.js';
import { exampleRepoFiles } from './repo-files.js';

const openapi = createOpenApiValidator();
// The defaults, not the example's own config: these tests count reads and writes of the App's mechanics.
const files = exampleRepoFiles({ withConfig: false });
const trivyReport = readFileSync(new URL('../../examples/scans/trivy.json', import.meta.url), 'utf8');

let app: Harness;
beforeEach(async () => {
  app = await createHarness();
});

// Every request the App sent in the test is one GitHub documents, with a body its schema accepts.
afterEach(assertNoApiProblems);

/** Writes per pull request: the requests between one `git/trees` POST and the next. */
function writesPerPullRequest(gh: FakeGitHub): number[] {
  const counts: number[] = [];
  for (const w of gh.writes()) {
    if (w.template === '/repos/{owner}/{repo}/git/trees') counts.push(0);
    counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
  }
  return counts;
}

describe('repository_dispatch kubemend-findings', () => {
  const dispatch = (clientPayload: unknown) => {
    const payload = example('repository_dispatch');
    payload.action = 'kubemend-findings';
    payload.client_payload = clientPayload;
    return payload;
  };
  const repo = example('repository_dispatch').repository as {
    name: string;
    owner: { login: string };
    default_branch: string;
  };
  let gh: FakeGitHub;
  beforeEach(() => {
    gh = new FakeGitHub({
      owner: repo.owner.login,
      repo: repo.name,
      defaultBranch: repo.default_branch,
      files,
      openapi,
    }).intercept();
  });

  it('opens one pull request per remediation from a gzip+base64 Trivy report, each in at most 6 writes', async () => {
    const report = gzipSync(trivyReport).toString('base64');
    await app.deliver(
      'repository_dispatch',
      dispatch({ report, encoding: 'gzip+base64', source: 'cluster-cronjob' }),
      'r-1',
    );
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    const heads = gh.pulls.map((p) => p.head).sort();
    // The report maps to more remediations than the default prLimit of 5: five pull requests, no more.
    expect(heads).toHaveLength(5);
    expect(heads.every((h) => /^kubemend\/[a-z0-9-]+$/.test(h))).toBe(true);
    expect(new Set(heads).size).toBe(heads.length);
    expect(writesPerPullRequest(gh)).toEqual(heads.map(() => 5));
    // One tree listing however many pull requests; each file read at most once.
    expect(gh.reads().filter((r) => r.template === '/repos/{owner}/{repo}/git/trees/{tree_sha}')).toHaveLength(1);
    const blobReads = gh
      .reads()
      .filter((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}')
      .map((r) => r.path);
    expect(new Set(blobReads).size).toBe(blobReads.length);
    // Each pull request's commit changes only what its remediation touches, on top of the base.
    for (const pr of gh.pulls) {
      const after = gh.filesAt(pr.headSha);
      const changed = Object.keys(files).filter((path) => after[path] !== files[path]);
      expect(changed.length).toBeGreaterThan(0);
      for (const path of changed) expect(pr.body).toContain(`\`${path}\``);
    }
  });

  it("rejects a payload over GitHub's 64 KB limit and a payload of the wrong shape, touching nothing", async () => {
    await app.deliver('repository_dispatch', dispatch({ report: 'x'.repeat(70_000) }), 'r-2');
    await app.deliver('repository_dispatch', dispatch({ findings: [] }), 'r-3');
    await app.deliver('repository_dispatch', dispatch({ report: '{"not":"a report"}' }), 'r-4');
    expect(gh.requests).toEqual([]);
    expect(gh.pulls).toEqual([]);
  });

  it('ignores other dispatch event types', async () => {
    const payload = example('repository_dispatch');
    payload.client_payload = { report: trivyReport };
    await app.deliver('repository_dispatch', payload, 'r-5');
    expect(gh.requests).toEqual([]);
  });
});

describe('installation scan', () => {
  const installed = example('installation', 'created');
  const [owner, name] = String(installed.repositories[0].full_name).split('/') as [string, string];

  it('does nothing but read the config when scanOnInstall is off (the default)', async () => {
    const gh = new FakeGitHub({ owner, repo: name, files, openapi }).intercept();
    await app.deliver('installation', installed, 'i-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.requests.filter((r) => !r.path.startsWith('/app/')).map((r) => `${r.method} ${r.template}`)).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path}',
      'GET /repos/{owner}/{repo}/contents/{path}',
    ]);
  });

  it('scans the manifests under the configured paths and opens one pull request for all, in 5 writes', async () => {
    const config = 'scanOnInstall: true\npaths:\n  include: ["apps/**"]\npullRequests:\n  grouping: all\n';
    const gh = new FakeGitHub({
      owner,
      repo: name,
      files: { ...files, '.github/kubemend.yml': config },
      openapi,
    }).intercept();
    await app.deliver('installation', installed, 'i-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls.map((p) => p.head)).toEqual(['kubemend/all']);
    expect(gh.writes()).toHaveLength(5);
    const after = gh.filesAt(gh.pulls[0]!.headSha);
    const changed = Object.keys(after)
      .filter((p) => after[p] !== files[p] && p !== '.github/kubemend.yml')
      .sort();
    expect(changed.length).toBeGreaterThan(1);
    expect(changed.every((p) => p.startsWith('apps/'))).toBe(true);
    // Only files under `paths.include` were read.
    const blobShas = new Set(
      gh
        .reads()
        .filter((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}')
        .map((r) => r.path.split('/').pop()),
    );
    const apps = Object.keys(files).filter((p) => p.startsWith('apps/'));
    expect(blobShas.size).toBe(apps.length);
  });

  it('with grouping by file, opens one pull request per changed file, each commit changing only its file', async () => {
    const config = 'scanOnInstall: true\npaths:\n  include: ["apps/**"]\npullRequests:\n  grouping: file\n';
    const gh = new FakeGitHub({
      owner,
      repo: name,
      files: { ...files, '.github/kubemend.yml': config },
      openapi,
    }).intercept();
    await app.deliver('installation', installed, 'i-4');
    expect(app.jobErrors).toEqual([]);
    const apps = Object.keys(files)
      .filter((p) => p.startsWith('apps/'))
      .sort();
    const changedPerPr = gh.pulls.map((pr) => {
      const after = gh.filesAt(pr.headSha);
      return Object.keys(files).filter((p) => after[p] !== files[p]);
    });
    expect(changedPerPr.map((c) => c.length)).toEqual(gh.pulls.map(() => 1));
    expect(changedPerPr.flat().sort()).toEqual(apps);
    for (const [i, pr] of gh.pulls.entries()) {
      const slug = changedPerPr[i]![0]!.replace(/[^A-Za-z0-9._-]+/g, '-');
      expect(pr.head).toMatch(new RegExp(`^kubemend/file-${slug.replace(/\./g, '\\.')}-[0-9a-f]{8}$`));
    }
  });

  it("puts 60 changed files in one commit with 5 writes and keeps the body under GitHub's 65,536 characters", async () => {
    const many: Record<string, string> = {
      '.github/kubemend.yml': 'scanOnInstall: true\npullRequests:\n  grouping: all\n',
    };
    for (let i = 0; i < 60; i++) {
      many[`deploy/svc-${i}.yaml`] =
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n`;
    }
    const gh = new FakeGitHub({ owner, repo: name, files: many, openapi }).intercept();
    await app.deliver('installation', installed, 'i-5');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    expect(gh.writes()).toHaveLength(5);
    const after = gh.filesAt(gh.pulls[0]!.headSha);
    const changed = Object.keys(many).filter((p) => after[p] !== many[p]);
    expect(changed).toHaveLength(60);
    const body = gh.pulls[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(parseAppMeta(body)?.fingerprints?.length).toBeGreaterThanOrEqual(60);
    expect(gh.reads().filter((r) => r.template === '/repos/{owner}/{repo}/git/trees/{tree_sha}')).toHaveLength(1);
  });

  it('scans repositories added to an installation', async () => {
    const added = example('installation_repositories', 'added');
    const [o, n] = String(added.repositories_added[0].full_name).split('/') as [string, string];
    const gh = new FakeGitHub({
      owner: o,
      repo: n,
      files: { ...files, '.github/kubemend.yml': 'scanOnInstall: true\n' },
      openapi,
    }).intercept();
    await app.deliver('installation_repositories', added, 'i-3');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls.length).toBeGreaterThan(0);
  });
});

describe('GitHub Enterprise Server', () => {
  it("works against GHE_HOST's /api/v3, every request valid for the GHES 3.19 description", async () => {
    const ghesOpenapi = createOpenApiValidator('ghes-3.19');
    const ghes = await createHarness({ baseUrl: 'https://ghe.example.com/api/v3' });
    const added = example('installation_repositories', 'added');
    const [o, n] = String(added.repositories_added[0].full_name).split('/') as [string, string];
    const gh = new FakeGitHub({
      owner: o,
      repo: n,
      files: { ...files, '.github/kubemend.yml': 'scanOnInstall: true\npullRequests:\n  grouping: all\n' },
      openapi: ghesOpenapi,
    });
    gh.intercept('https://ghe.example.com/api/v3');
    await ghes.deliver('installation_repositories', added, 'g-1');
    expect(ghes.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls.map((p) => p.head)).toEqual(['kubemend/all']);
    expect(gh.writes()).toHaveLength(5);
  });
});
