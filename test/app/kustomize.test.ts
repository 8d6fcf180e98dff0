/** The App on a Kustomize repository: a cluster scan sent by dispatch is fixed at its source, in one pull request. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { createHarness, type Harness } from './harness.js';
import { example } from './payloads.js';

const openapi = createOpenApiValidator();
const LAYOUT = new URL('../fixtures/kustomize-infra/', import.meta.url).pathname;
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const files = Object.fromEntries(
  walk(LAYOUT)
    .filter((f) => !f.endsWith('findings.json'))
    .map((f) => [relative(LAYOUT, f), readFileSync(f, 'utf8')]),
);
const report = readFileSync(join(LAYOUT, 'findings.json'), 'utf8');

let app: Harness;
beforeEach(async () => {
  app = await createHarness();
});
afterEach(assertNoApiProblems);

describe('repository_dispatch with a cluster scan of a Kustomize layout', () => {
  const repo = example('repository_dispatch').repository as {
    name: string;
    owner: { login: string };
    default_branch: string;
  };

  it('commits the base fix, the new overlay patch and its kustomization entry in one pull request that names the roots', async () => {
    const gh = new FakeGitHub({
      owner: repo.owner.login,
      repo: repo.name,
      defaultBranch: repo.default_branch,
      files,
      openapi,
    }).intercept();
    const payload = example('repository_dispatch');
    payload.action = 'kubemend-findings';
    payload.client_payload = { report, source: 'cluster-cronjob' };
    await app.deliver('repository_dispatch', payload, 'k-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    const pr = gh.pulls[0] as (typeof gh.pulls)[number];
    const after = gh.filesAt(pr.headSha);
    expect(after['base/deployment.yaml']).toBe(
      `${files['base/deployment.yaml']}        securityContext:\n          allowPrivilegeEscalation: false\n`,
    );
    expect(after['overlays/staging/kustomization.yaml']).toBe(
      'namePrefix: staging-\nresources:\n- ../../base\npatches:\n- path: kubemend-deployment-web.yaml\n',
    );
    expect(after['overlays/staging/kubemend-deployment-web.yaml']).toContain(
      '              drop:\n                - ALL\n',
    );
    expect(after['overlays/prod/hardening.yaml']).toBe(files['overlays/prod/hardening.yaml']);
    expect(pr.body).toContain('changes what the Kustomize roots overlays/prod, overlays/staging render');
    expect(pr.body).toContain(
      'written as a patch of overlays/staging only: base/deployment.yaml is shared with overlays/prod, whose own patches set these fields',
    );
  });
});
