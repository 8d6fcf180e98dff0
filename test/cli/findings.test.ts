/** `--findings` with real-format scanner reports: only what they name is fixed, re-checked on the manifest first. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, copyToTemp, ensureBuilt, removeTemps } from './helpers.js';

const SCANS = join(ROOT, 'test/fixtures/scans');
const EXAMPLE_SCANS = join(ROOT, 'examples/scans');

beforeAll(() => ensureBuilt());
afterAll(() => removeTemps());

interface Report {
  files: Array<{
    path: string;
    fixes: Array<{ remediation: string; resource: string; container: string | null }>;
    skipped: Array<{ remediation: string; resource: string; container: string | null; code: string; reason: string }>;
  }>;
  unmapped: Array<{ tool: string; ruleId: string; code: string; reason: string }>;
  summary: Record<string, number>;
}

function fixes(r: Report): string[][] {
  return r.files.flatMap((f) => f.fixes.map((x) => [f.path, x.remediation, x.resource, x.container ?? '-']));
}

const EXPECTED = [
  ['deploy/web.yaml', 'no-privilege-escalation', 'Deployment/web', 'containers/app'],
  ['deploy/web.yaml', 'no-privilege-escalation', 'Deployment/web', 'containers/log-shipper'],
  ['deploy/worker.yaml', 'no-privilege-escalation', 'Deployment/worker', 'containers/worker'],
];
// Named by the scans too, and held back by the safety guards: nginx writes outside its mounts, and the
// worker has no CPU request to derive a limit from.
const HELD = [
  ['deploy/web.yaml', 'read-only-root-filesystem', 'Deployment/web', 'containers/app', 'image-writes'],
  ['deploy/worker.yaml', 'cpu-limits', 'Deployment/worker', 'containers/worker', 'needs-value'],
];

describe('fix --findings', () => {
  it('fixes exactly what a Kubescape file scan names and reports its rule without a fix as unmapped', async () => {
    const dir = copyToTemp(join(SCANS, 'repo'));
    const run = await cli(['fix', dir, '--findings', join(SCANS, 'kubescape-file-scan.json'), '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(fixes(report)).toEqual(EXPECTED);
    expect(
      report.files.flatMap((f) =>
        f.skipped.map((s) => [f.path, s.remediation, s.resource, s.container ?? '-', s.code]),
      ),
    ).toEqual(HELD);
    expect(report.unmapped.map(({ tool, ruleId, code, reason }) => ({ tool, ruleId, code, reason }))).toEqual([
      {
        tool: 'kubescape',
        ruleId: 'C-0030',
        code: 'no-automatic-fix',
        reason: 'kubescape rule C-0030 has no automatic fix in the catalog',
      },
    ]);
  });

  it('fixes exactly what a Trivy config scan names, and a second run finds them already compliant (scan exits 1 for what is held back)', async () => {
    const dir = copyToTemp(join(SCANS, 'repo'));
    const scan = join(SCANS, 'trivy-config-scan.json');
    const first = await cli(['fix', dir, '--findings', scan, '--format', 'json']);
    expect(first.code).toBe(0);
    expect(fixes(JSON.parse(first.stdout) as Report)).toEqual(EXPECTED);
    const again = await cli(['scan', dir, '--findings', scan, '--format', 'json']);
    // The two failures the guards hold back are still failures: scan says so with exit code 1.
    expect(again.code).toBe(1);
    const report = JSON.parse(again.stdout) as Report;
    expect(fixes(report)).toEqual([]);
    expect(
      report.files.flatMap((f) =>
        f.skipped.map((s) => [f.path, s.remediation, s.resource, s.container ?? '-', s.code]),
      ),
    ).toEqual([
      ...EXPECTED.slice(0, 2).map((e) => [...e, 'already-compliant']),
      HELD[0],
      EXPECTED[2] ? [...EXPECTED[2], 'already-compliant'] : [],
      HELD[1],
    ]);
  });

  it('--path-prefix strips the directory a scanner ran from; without it such absolute paths are refused', async () => {
    const dir = copyToTemp(join(SCANS, 'repo'));
    const moved = join(dir, '..', 'trivy-absolute.json');
    writeFileSync(
      moved,
      readFileSync(join(SCANS, 'trivy-config-scan.json'), 'utf8').replaceAll(
        '"Target": "deploy/',
        '"Target": "/builds/acme/infra/deploy/',
      ),
    );
    const refused = await cli(['fix', dir, '--dry-run', '--findings', moved, '--format', 'json']);
    const report = JSON.parse(refused.stdout) as Report;
    expect(fixes(report)).toEqual([]);
    expect(new Set(report.unmapped.map((u) => u.code))).toEqual(new Set(['unsafe-path']));
    const run = await cli([
      'fix',
      dir,
      '--dry-run',
      '--findings',
      moved,
      '--path-prefix',
      '/builds/acme/infra',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(fixes(JSON.parse(run.stdout) as Report)).toEqual(EXPECTED);
  });

  it('takes several --findings files at once (Kubescape and Trivy of the example repo)', async () => {
    const dir = copyToTemp(join(ROOT, 'examples/infra'));
    const run = await cli([
      'fix',
      dir,
      '--dry-run',
      '--format',
      'json',
      '--findings',
      join(EXAMPLE_SCANS, 'kubescape.json'),
      '--findings',
      join(EXAMPLE_SCANS, 'trivy.json'),
    ]);
    expect(run.code).toBe(0);
    const sarif = await cli([
      'scan',
      dir,
      '--format',
      'sarif',
      '--findings',
      join(EXAMPLE_SCANS, 'kubescape.json'),
      '--findings',
      join(EXAMPLE_SCANS, 'trivy.json'),
    ]);
    expect(sarif.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    const web = report.files.find((f) => f.path === 'apps/web/deployment.yaml');
    expect(web?.fixes.map((f) => f.remediation).sort()).toEqual([
      'cpu-limits',
      'drop-capabilities',
      'no-privilege-escalation',
      'read-only-root-filesystem',
      'run-as-non-root',
    ]);
    const pr = await cli(
      [
        'fix',
        '.',
        '--findings',
        join(EXAMPLE_SCANS, 'kubescape.json'),
        '--findings',
        join(EXAMPLE_SCANS, 'trivy.json'),
        '--dry-run',
        '--format',
        'text',
      ],
      dir,
    );
    expect(pr.stdout).toContain('  would fix  Deployment/web -n shop containers/web  no-privilege-escalation\n');
  });
});
