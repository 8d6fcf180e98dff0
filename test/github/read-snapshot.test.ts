/**
 * The GitHub snapshot (src/github/read-snapshot.ts): a truncated recursive listing is walked subtree by
 * subtree, only where the include globs reach; only the selected blobs are fetched; and the files it reads
 * give the same outcome as the CLI's disk reader on the same repository (a finding on a chart template is
 * mapped alike in both; the App used to read no file for it). GitHub is faked with nock at the HTTP layer,
 * every request checked against the OpenAPI description; an unused interceptor fails the test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../src/config/schema.js';
import { parseFindings } from '../../src/findings/index.js';
import { type GitHub, readSnapshot } from '../../src/github/index.js';
import { readRepoFiles } from '../../src/pipeline/read-files.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { SHARED } from '../cli/helpers.js';
import { FakeGitHub, assertNoApiProblems } from './fake-github.js';
import { createOpenApiValidator } from './openapi.js';

const openapi = createOpenApiValidator();
const repo = { owner: 'octo-org', repo: 'infra' };
const API = 'https://api.github.com';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n';
const problems: string[] = [];
const roots: string[] = [];

function client(): GitHub {
  return new ProbotOctokit({
    auth: { token: 't' },
    retry: { enabled: false },
    throttle: { enabled: false },
  }) as unknown as GitHub;
}

/** Answers GET `path` (query included) once with `body`, after checking the request against the OpenAPI description. */
function answer(path: string, body: unknown): void {
  nock(API)
    .get(path)
    .reply(200, () => {
      const checked = openapi.check('get', path.replace(/\?.*$/, ''), undefined);
      if (!checked.template || checked.errors.length)
        problems.push(`GET ${path}: ${checked.errors.join('; ') || 'no such operation'}`);
      return body;
    });
}

const blob = (path: string, sha: string, size = POD.length, mode = '100644') => ({
  path,
  mode,
  type: 'blob',
  sha,
  size,
});
const tree = (path: string, sha: string) => ({ path, mode: '040000', type: 'tree', sha });

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  assertNoApiProblems();
  expect(problems.splice(0)).toEqual([]);
  expect(pending).toEqual([]);
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('readSnapshot on a truncated listing', () => {
  it('walks only the subtrees the include globs reach, recursing where a subtree is truncated too, and reads only selected blobs', async () => {
    const base = '/repos/octo-org/infra/git';
    answer(`${base}/trees/c0ffee?recursive=1`, {
      sha: 'root',
      url: 'u',
      truncated: true,
      tree: [blob('README.md', 'b0')],
    });
    answer(`${base}/trees/root`, {
      sha: 'root',
      url: 'u',
      truncated: false,
      tree: [blob('README.md', 'b0'), tree('docs', 'tdocs'), tree('k8s', 'tk8s')],
    });
    // docs/ is outside `k8s/**`: never listed. k8s/ is itself too large for one listing.
    answer(`${base}/trees/tk8s?recursive=1`, { sha: 'tk8s', url: 'u', truncated: true, tree: [] });
    answer(`${base}/trees/tk8s`, {
      sha: 'tk8s',
      url: 'u',
      truncated: false,
      tree: [blob('top.yaml', 'b1'), blob('link.yaml', 'b2', 9, '120000'), tree('apps', 'tapps')],
    });
    answer(`${base}/trees/tapps?recursive=1`, {
      sha: 'tapps',
      url: 'u',
      truncated: false,
      tree: [tree('web', 'tweb'), blob('web/pod.yaml', 'b3', POD.length, '100755'), blob('notes.txt', 'b4')],
    });
    for (const sha of ['b1', 'b3'])
      answer(`${base}/blobs/${sha}`, {
        sha,
        node_id: 'n',
        url: 'u',
        size: POD.length,
        encoding: 'base64',
        content: Buffer.from(POD).toString('base64'),
      });

    const config = ConfigSchema.parse({ paths: { include: ['k8s/**/*.yaml'] } });
    const snapshot = await readSnapshot(client(), repo, 'c0ffee', { config });
    expect(snapshot.truncated).toBe(true);
    expect(snapshot.treeSha).toBe('root');
    expect(snapshot.files).toEqual([
      { path: 'k8s/apps/web/pod.yaml', sha: 'b3', size: POD.length, mode: '100755', text: POD },
      { path: 'k8s/top.yaml', sha: 'b1', size: POD.length, mode: '100644', text: POD },
    ]);
  });
});

describe('one repository, two readers', () => {
  const chart = join(SHARED, 'corpus/helm-charts/bitnami__charts__nginx');
  const files: Record<string, string> = {
    'charts/testchart/Chart.yaml': readFileSync(join(chart, 'Chart.yaml'), 'utf8'),
    'charts/testchart/values.yaml': readFileSync(join(chart, 'values.yaml'), 'utf8'),
    'charts/testchart/templates/deployment.yaml': readFileSync(join(chart, 'templates/deployment.yaml'), 'utf8'),
    'k8s/pod.yaml': POD,
  };
  const catalog = loadCatalog();
  // Trivy's own golden output for a chart scanned as `templates/deployment.yaml` (its path inside the chart).
  const report = readFileSync(join(SHARED, 'findings/trivy/config-json_helm-testchart_checks-v2.golden.json'), 'utf8');
  const findings = parseFindings(report, { resolveRule: catalog.resolveRule }).findings.filter((f) => f.remediation);

  it('a finding on a chart template gets the same outcome from the disk (CLI) and from GitHub (App), never file-not-found', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kubemend-snapshot-'));
    roots.push(root);
    mkdirSync(join(root, '.git'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const config = defaultConfig();
    const disk = await readRepoFiles([root], config, root);
    const gh = new FakeGitHub({ ...repo, files, openapi }).intercept();
    const remote = await readSnapshot(client(), repo, gh.refs.get('main') ?? '', { config, findings });
    // The App reads the chart the findings name (the template, matched by path suffix, and the rest of its
    // chart), never the unrelated manifest; the CLI reads what it was pointed at.
    expect(remote.files.map((f) => f.path)).toContain('charts/testchart/templates/deployment.yaml');
    expect(remote.files.map((f) => f.path)).not.toContain('k8s/pod.yaml');
    const outcome = (input: Array<{ path: string; text: string }>) => {
      const run = runPipeline(input, { catalog, config, findings });
      const fixed = run.files.flatMap((f) => f.fixes.map((x) => `${x.remediation} fixed in ${f.path}`));
      const held = run.files.flatMap((f) => f.skipped.map((x) => `${x.remediation} ${x.code} in ${f.path}`));
      return [...fixed, ...held, ...run.unmapped.map((u) => `${u.finding.remediation} ${u.code}`)].sort();
    };
    const cli = outcome(disk.files);
    expect(cli.length).toBeGreaterThan(0);
    expect(cli.some((o) => o.includes('file-not-found'))).toBe(false);
    expect(outcome(remote.files)).toEqual(cli);
  });
});
