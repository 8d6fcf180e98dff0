/** `fix` with a cluster scan (identity, no file) on a Kustomize layout: edits land in the base and a new overlay patch, on disk and as a diff `git apply` takes. */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, copyToTemp, ensureBuilt, gitRepoFrom, removeTemps } from './helpers.js';

const LAYOUT = join(ROOT, 'test/fixtures/kustomize-infra');

beforeAll(() => ensureBuilt());
afterAll(() => removeTemps());

describe('fix --findings on a Kustomize layout', () => {
  it('writes the base fix and a new patch of the overlay whose base is set differently elsewhere', async () => {
    const dir = copyToTemp(LAYOUT);
    const run = await cli(['fix', dir, '--findings', join(dir, 'findings.json'), '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      files: Array<{ path: string; changed: boolean; fixes: Array<{ remediation: string }> }>;
    };
    expect(report.files.filter((f) => f.changed).map((f) => [f.path, f.fixes.map((x) => x.remediation)])).toEqual([
      ['base/deployment.yaml', ['no-privilege-escalation']],
      ['overlays/staging/kubemend-deployment-web.yaml', ['drop-capabilities']],
      ['overlays/staging/kustomization.yaml', []],
    ]);
    expect(readFileSync(join(dir, 'base/deployment.yaml'), 'utf8')).toBe(
      `${readFileSync(join(LAYOUT, 'base/deployment.yaml'), 'utf8')}        securityContext:\n          allowPrivilegeEscalation: false\n`,
    );
    expect(readFileSync(join(dir, 'overlays/staging/kustomization.yaml'), 'utf8')).toBe(
      'namePrefix: staging-\nresources:\n- ../../base\npatches:\n- path: kubemend-deployment-web.yaml\n',
    );
    expect(readFileSync(join(dir, 'overlays/staging/kubemend-deployment-web.yaml'), 'utf8')).toContain(
      '        - name: web\n          securityContext:\n            capabilities:\n              drop:\n                - ALL\n',
    );
  });

  it('a patch file given alone (with an image) is still known as a patch: never filled with values', async () => {
    const dir = gitRepoFrom(LAYOUT);
    const patch = join(dir, 'overlays/prod/hardening.yaml');
    writeFileSync(
      patch,
      readFileSync(patch, 'utf8').replace('      - name: web\n', '      - name: web\n        image: myco/web:2\n'),
    );
    const run = await cli(['plan', 'overlays/prod/hardening.yaml', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout) as {
      files: Array<{ path: string; changed: boolean; skipped: Array<{ code: string }> }>;
    };
    const file = report.files.find((f) => f.path === 'overlays/prod/hardening.yaml');
    expect(file?.changed).toBe(false);
    expect(new Set(file?.skipped.map((s) => s.code))).toEqual(new Set(['partial-manifest']));
  });

  it('plan prints a diff that git apply takes, the new file included', async () => {
    const repo = gitRepoFrom(LAYOUT);
    const plan = await cli(['plan', '.', '--findings', 'findings.json'], repo);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      'diff --git a/overlays/staging/kubemend-deployment-web.yaml b/overlays/staging/kubemend-deployment-web.yaml\nnew file mode 100644\n--- /dev/null\n',
    );
    execFileSync('git', ['apply', '--check', '-'], { cwd: repo, input: plan.stdout });
    execFileSync('git', ['apply', '-'], { cwd: repo, input: plan.stdout });
    expect(readFileSync(join(repo, 'overlays/staging/kubemend-deployment-web.yaml'), 'utf8')).toContain('- ALL');
    rmSync(join(repo, 'overlays/staging/kubemend-deployment-web.yaml'));
  });
});
