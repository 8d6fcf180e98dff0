/**
 * Helm through the App (issue 15, "same paths in the CLI, the App and sweeps"): an installation scan of a
 * repository holding a chart opens a pull request that edits the chart's values.yaml only, the bytes the
 * CLI writes for the same chart; templates are never part of the commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/remediations/index.js';
import { defaultConfig } from '../../src/config/schema.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { readChart } from '../pipeline/helm-fixture.js';
import { createHarness, type Harness } from './harness.js';
import { example } from './payloads.js';

const openapi = createOpenApiValidator();
const installed = example('installation', 'created');
const [owner, name] = String(installed.repositories[0].full_name).split('/') as [string, string];
const chart = readChart('test/fixtures/helm-testchart', 'charts/web');
const files: Record<string, string> = {
  '.github/kubemend.yml': 'scanOnInstall: true\npullRequests:\n  grouping: all\n',
  ...Object.fromEntries(chart.map((f) => [f.path, f.text])),
};

let app: Harness;
beforeEach(async () => {
  app = await createHarness();
});
afterEach(assertNoApiProblems);

describe('a chart in an installed repository', () => {
  it('gets one pull request whose commit changes values.yaml alone, as the CLI would', async () => {
    const gh = new FakeGitHub({ owner, repo: name, files, openapi }).intercept();
    await app.deliver('installation', installed, 'helm-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    const pr = gh.pulls[0]!;
    const after = gh.filesAt(pr.headSha);
    const changed = Object.keys(after).filter((p) => after[p] !== files[p]);
    expect(changed).toEqual(['charts/web/values.yaml']);
    for (const path of Object.keys(files).filter((p) => p.includes('/templates/')))
      expect(after[path]).toBe(files[path]);
    // The same bytes as the pipeline gives the CLI for the chart alone.
    const cli = runPipeline(chart, {
      catalog: loadCatalog(),
      config: { ...defaultConfig(), pullRequests: { ...defaultConfig().pullRequests, grouping: 'all' } },
    });
    expect(after['charts/web/values.yaml']).toBe(cli.files.find((f) => f.path === 'charts/web/values.yaml')?.after);
    expect(pr.body).toContain('charts/web/values.yaml');
  });
});
