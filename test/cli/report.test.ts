/**
 * `kubemend report` through the built CLI on a copy of the bundled example repository: the four formats,
 * --output, --findings, nothing else written, usage errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/remediations/index.js';
import { ROOT, cli, ensureBuilt, gitRepoFrom, removeTemps, snapshot } from './helpers.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTemps());

const EXAMPLE = join(ROOT, 'examples/infra');
const CONTROLS = new Set(loadCatalog().remediations.flatMap((r) => r.controls.map((c) => `${c.framework}|${c.id}`)))
  .size;

interface Report {
  format: string;
  score: { passed: number; failed: number; exempted: number; rate: number };
  workloads: number;
  frameworks: Array<{
    name: string;
    controls: Array<{
      id: string;
      resources: Array<{ file: string; line?: number; status: string; failures: Array<{ fix: { state: string } }> }>;
    }>;
  }>;
  findings: Array<{ remediation: string; file: string; line?: number; fix: { state: string; code?: string } }>;
  exemptions: Array<{ remediation: string; reason: string }>;
}

describe('kubemend report', () => {
  it('json: every workload against every control, file:line and fix status; nothing written', async () => {
    const repo = gitRepoFrom(EXAMPLE);
    const before = snapshot(repo);
    const run = await cli(['report', '--format', 'json'], repo);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.format).toBe('kubemend-compliance');
    expect(report.workloads).toBe(6);
    expect(report.score.passed + report.score.failed + report.score.exempted).toBe(6 * CONTROLS);
    expect(report.frameworks.map((f) => f.name)).toEqual([
      'CIS Kubernetes Benchmark',
      'Pod Security Standards',
      'NSA/CISA Kubernetes Hardening Guide',
      'NIST SP 800-53 rev5',
      'SOC 2',
      'NIST SP 800-190',
    ]);
    const files = new Set(
      report.frameworks.flatMap((f) => f.controls.flatMap((c) => c.resources.map((r) => `${r.file}:${r.line}`))),
    );
    expect(files).toEqual(
      new Set([
        'apps/api/api.yaml:15',
        'apps/queue/statefulset.yaml:1',
        'apps/web/deployment.yaml:2',
        'jobs/nightly-report.yaml:2',
        'monitoring/node-exporter.yaml:2',
        'platform/status-page.json:1',
      ]),
    );
    expect(report.exemptions).toEqual([
      expect.objectContaining({
        remediation: 'no-host-namespaces',
        reason: expect.stringContaining('kubemend.io/ignore'),
      }),
    ]);
    expect(new Set(report.findings.map((f) => f.fix.state))).toEqual(new Set(['fixable', 'not-fixed']));
    expect(snapshot(repo)).toEqual(before);
  });

  it('markdown by default; csv; html to --output', async () => {
    const repo = gitRepoFrom(EXAMPLE);
    const md = await cli(['report'], repo);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(
      /^# Compliance evidence: repo\n\nPosture score: \*\*\d+\.\d%\*\*: \d+ of \d+ \(workload × control\) checks pass, across 6 workloads \(4 exempted checks not counted\)\.\n/,
    );
    expect(md.stdout).toContain('| fail | Deployment/web (ns shop) | apps/web/deployment.yaml:2 |');
    const csv = await cli(['report', '--format', 'csv'], repo);
    expect(csv.stdout.split('\r\n').filter(Boolean).length).toBe(1 + 6 * CONTROLS);
    const html = await cli(['report', '--format', 'html', '--output', 'evidence.html'], repo);
    expect(html.stdout).toBe('');
    expect(html.stderr).toMatch(/^kubemend: report written to evidence\.html: posture \d+\/\d+ checks pass\n$/);
    const page = readFileSync(join(repo, 'evidence.html'), 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|src=/);
  });

  it('--findings: the scanners decide what fails; the score changes accordingly', async () => {
    const repo = gitRepoFrom(EXAMPLE);
    const own = JSON.parse((await cli(['report', '--format', 'json'], repo)).stdout) as Report;
    const scanned = await cli(
      ['report', '--format', 'json', '--findings', join(ROOT, 'examples/scans/kubescape.json')],
      repo,
    );
    expect(scanned.code).toBe(0);
    const report = JSON.parse(scanned.stdout) as Report;
    expect(report.score.passed + report.score.failed + report.score.exempted).toBe(6 * CONTROLS);
    expect(report.score.failed).toBeLessThan(own.score.failed);
    expect(report.findings.length).toBeGreaterThan(0);
    // Kubescape's C-0009 (resource limits) has no remediation of its own: listed, not counted.
    expect((report as unknown as { errors: Array<{ message: string }> }).errors).toContainEqual({
      message:
        'finding not counted: kubescape C-0009 Deployment/shop/web containers/web at apps/web/deployment.yaml: no-automatic-fix: kubescape rule C-0009 has no automatic fix in the catalog',
    });
  });

  it('usage errors exit 2', async () => {
    const run = await cli(['report', '--format', 'sarif'], ROOT);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: "kubemend report: --format must be one of markdown, json, csv, html (got 'sarif')\n",
    });
    const help = await cli(['report', '--help'], ROOT);
    expect(help.stdout).toContain('Usage: kubemend report [paths...] [options]');
  });
});
