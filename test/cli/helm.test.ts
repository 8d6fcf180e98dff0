/**
 * Issue 15 through the CLI as a process: `scan` of a chart directory reports the findings on its templates at
 * their template lines with the values key that fixes each (it used to report "0 fixable failures"), and
 * `fix` edits values.yaml only: the templates stay byte-identical.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, copyToTemp, ensureBuilt, removeTemps } from './helpers.js';

const CHART = join(ROOT, 'test/fixtures/helm-trap');
const CONFIG =
  'optIn:\n  - remediation: no-privilege-escalation\n    allow: [explicit-value]\n    path: templates/deployment.yaml\n';

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => removeTemps());

describe('a Helm chart directory', () => {
  it('scan reports the findings at their template lines, with the value that fixes each', async () => {
    const dir = copyToTemp(CHART);
    writeFileSync(join(dir, 'kubemend.yml'), CONFIG);
    const run = await cli(['scan', dir, '--config', join(dir, 'kubemend.yml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'values.yaml\n  fail       Deployment/release-name-trap containers/api  no-privilege-escalation (was an insecure value)\n',
    );
    expect(run.stdout).toContain(
      '  check      Deployment/release-name-trap containers/api  no-privilege-escalation: found at templates/_helpers.tpl line 15, included at templates/deployment.yaml line 26 on Deployment/release-name-trap as the chart defaults renders it; fixed through the value `securityContext.allowPrivilegeEscalation` in values.yaml (templates are not edited)\n',
    );
    expect(run.stdout).toContain(
      'templates/deployment.yaml\n  skipped    Deployment/release-name-trap containers/api  read-only-root-filesystem [helm-no-value]: the chart offers no value for `securityContext.readOnlyRootFilesystem`',
    );
    expect(run.stdout).toContain('(line 26)');
    expect(run.stdout).toContain(', 0 files not scanned\n');
  });

  it('fix edits values.yaml alone, every other byte kept', async () => {
    const dir = copyToTemp(CHART);
    writeFileSync(join(dir, 'kubemend.yml'), CONFIG);
    const run = await cli(['fix', dir, '--config', join(dir, 'kubemend.yml')]);
    expect(run.code).toBe(0);
    const values = readFileSync(join(CHART, 'values.yaml'), 'utf8');
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe(
      values.replace('  allowPrivilegeEscalation: true\n', '  allowPrivilegeEscalation: false\n'),
    );
    for (const t of ['templates/deployment.yaml', 'templates/_helpers.tpl', 'templates/service.yaml', 'Chart.yaml']) {
      expect(readFileSync(join(dir, t), 'utf8'), t).toBe(readFileSync(join(CHART, t), 'utf8'));
    }
  });
});
