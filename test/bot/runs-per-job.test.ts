/**
 * The pipeline runs once per job (issue 11): a scan whose fixes span many remediations, grouped one pull
 * request per remediation, and a later re-check with those pull requests open, each run the pipeline once.
 * Before, a job ran it 1 + once per remediation (grouping) + once per open pull request (close-obsolete).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDefaultEngine } from '../../src/bot/default-engine.js';
import type { Engine } from '../../src/bot/engine.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { createHarness } from '../app/harness.js';
import { example, exampleAt } from '../app/payloads.js';
import { exampleRepoFiles } from '../app/repo-files.js';

const openapi = createOpenApiValidator();
const installed = example('installation', 'created');
const [owner, name] = String(installed.repositories[0].full_name).split('/') as [string, string];

afterEach(assertNoApiProblems);

/** The engine, counting pipeline runs (also through the per-repository engines it hands out). */
function counting(inner: Engine, runs: { n: number }): Engine {
  return {
    ...inner,
    runPipeline: (files, options) => {
      runs.n++;
      return inner.runPipeline(files, options);
    },
    forRepository: (config, remediationFiles) => {
      const result = inner.forRepository(config, remediationFiles);
      return result.ok ? { ok: true, engine: counting(result.engine, runs) } : result;
    },
  };
}

function pushTouching(paths: string[], repo: Record<string, unknown>) {
  for (let i = 0; ; i++) {
    const p = exampleAt('push', i);
    if (p.ref !== `refs/heads/${p.repository.default_branch}` || !p.installation) continue;
    p.repository = { ...p.repository, ...repo };
    p.commits[0].modified = paths;
    p.head_commit = { ...p.commits[0] };
    return p;
  }
}

describe('pipeline runs per job', () => {
  it('is one for a scan opening a pull request per remediation, and one for the re-check of those pull requests', async () => {
    const runs = { n: 0 };
    const app = await createHarness({ engine: counting(createDefaultEngine(), runs) });
    const files = {
      ...exampleRepoFiles({ withConfig: false }),
      '.github/kubemend.yml': 'scanOnInstall: true\npullRequests:\n  prLimit: 10\n',
    };
    const push = pushTouching(['apps/web/deployment.yaml'], {
      name,
      owner: { login: owner, name: owner },
      full_name: `${owner}/${name}`,
    });
    const gh = new FakeGitHub({
      owner,
      repo: name,
      files,
      openapi,
      defaultBranch: String(push.repository.default_branch),
    }).intercept();
    await app.deliver('installation', installed, 'runs-1');
    expect(app.jobErrors).toEqual([]);
    const remediations = new Set(gh.pulls.map((p) => p.head));
    expect(remediations.size).toBeGreaterThanOrEqual(5);
    expect(runs.n).toBe(1);

    runs.n = 0;
    await app.deliver('push', push, 'runs-2');
    expect(app.jobErrors).toEqual([]);
    expect(runs.n).toBe(1);
    // The re-check saw the open pull requests (their fixes carried) and left them as they are.
    expect(gh.pulls.filter((p) => p.state === 'open')).toHaveLength(remediations.size);
  });
});
