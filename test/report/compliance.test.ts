/**
 * The posture model (src/report/compliance): checks are workload × control, a control fails when any of
 * its remediations fails, exemptions are listed and not counted, fix statuses say what kubemend can do.
 * Run through the real pipeline and catalog on inline manifests.
 */
import { describe, expect, it } from 'vitest';
import { fingerprintFix } from '../../src/report/fingerprint.js';
import { buildPosture } from '../../src/report/compliance/index.js';
import type { RunResult } from '../../src/model.js';
import { catalog } from '../remediations/helpers.js';
import { assess, bare, dedent, hardened } from './compliance-helpers.js';

/** Distinct (framework, control id) pairs of the built-in catalog. */
function controlCount(): number {
  return new Set(catalog().remediations.flatMap((r) => r.controls.map((c) => `${c.framework}|${c.id}`))).size;
}

describe('posture', () => {
  it('counts one check per workload and control; a hardened workload passes all, a bare one fails', () => {
    const { posture } = assess({ 'deploy/good.yaml': hardened('good'), 'deploy/bad.yaml': bare('bad') });
    const controls = controlCount();
    expect(posture.workloads).toBe(2);
    expect(posture.score.passed + posture.score.failed + posture.score.exempted).toBe(2 * controls);
    expect(posture.score.rate).toBe(posture.score.passed / (posture.score.passed + posture.score.failed));
    expect(posture.frameworks.map((f) => f.framework)).toEqual([
      'cis-kubernetes',
      'pod-security-standards',
      'nsa-cisa',
      'nist-800-53',
      'soc2',
      'nist-800-190',
    ]);
    const rows = posture.frameworks.flatMap((f) => f.controls.flatMap((c) => c.resources.map((r) => ({ c, r }))));
    expect(rows.filter(({ r }) => r.resource.name === 'good').every(({ r }) => r.status === 'pass')).toBe(true);
    // Only the bad workload fails (it sets nothing, so it passes only the checks an unset field passes).
    const failingBad = rows.filter(({ r }) => r.resource.name === 'bad' && r.status === 'fail');
    expect(posture.score.failed).toBe(failingBad.length);
    const cis527 = posture.frameworks[0]?.controls.find((c) => c.id === '5.2.7');
    expect(cis527?.remediations).toEqual(['run-as-non-root']);
    expect(cis527?.rate).toEqual({ passed: 1, failed: 1, exempted: 0, rate: 0.5 });
    // Failing first, with the file and the resource's line.
    expect(cis527?.resources[0]).toMatchObject({ status: 'fail', file: 'deploy/bad.yaml', line: 1 });
    expect(cis527?.resources[0]?.failures.map((f) => [f.remediation, f.containers, f.fix])).toEqual([
      ['run-as-non-root', ['containers/app'], { state: 'fixable' }],
    ]);
  });

  it('a control with several remediations fails when any of them fails, with one fix status each', () => {
    const { posture } = assess({ 'a.yaml': bare('web') });
    const cm6 = posture.frameworks.find((f) => f.framework === 'nist-800-53')?.controls.find((c) => c.id === 'CM-6');
    expect(cm6?.remediations.length).toBeGreaterThan(3);
    const failures = cm6?.resources[0]?.failures ?? [];
    expect(failures.every((f) => cm6?.remediations.includes(f.remediation))).toBe(true);
    expect(failures.length).toBeGreaterThan(1);
    expect(cm6?.rate).toEqual({ passed: 0, failed: 1, exempted: 0, rate: 0 });
    // Resource quantities are never invented: memory limits fail and are not fixed, with the code.
    const sc6 = posture.frameworks.find((f) => f.framework === 'nist-800-53')?.controls.find((c) => c.id === 'SC-6');
    const memory = sc6?.resources[0]?.failures.find((f) => f.remediation === 'memory-limits');
    expect(memory?.fix).toMatchObject({ state: 'not-fixed', code: 'needs-value' });
  });

  it('an exempted check is listed with its reason and left out of the rates', () => {
    const exempt = `  annotations:\n    kubemend.io/ignore: no-host-namespaces\n`;
    const hostNet = bare('agent', exempt).replace('    spec:\n', '    spec:\n      hostNetwork: true\n');
    const { posture } = assess({ 'agent.yaml': hostNet });
    const cis = posture.frameworks.find((f) => f.framework === 'cis-kubernetes');
    const c525 = cis?.controls.find((c) => c.id === '5.2.5');
    expect(c525?.rate).toEqual({ passed: 0, failed: 0, exempted: 1, rate: null });
    expect(c525?.resources[0]?.status).toBe('exempted');
    expect(posture.exemptions).toEqual([
      {
        remediation: 'no-host-namespaces',
        file: 'agent.yaml',
        line: 1,
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'agent' },
        reason: 'exempted by annotation kubemend.io/ignore: "no-host-namespaces" on the object metadata',
      },
    ]);
    expect(posture.score.exempted).toBeGreaterThan(0);
  });

  it('an explicit insecure value is not fixed, at the line of the value; an open pull request is named', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
          - name: app
            image: registry.example/app:1.0
            securityContext:
              privileged: true # needed by the driver
    `);
    const first = assess({ 'pod.yaml': text });
    const privileged = first.posture.findings.find((f) => f.remediation === 'no-privileged');
    expect(privileged).toMatchObject({
      file: 'pod.yaml',
      line: 10,
      containers: ['containers/app'],
      severity: 'critical',
      fix: { state: 'not-fixed', code: 'explicit-value' },
    });
    // The most severe first.
    expect(first.posture.findings[0]?.severity).toBe('critical');
    const fix = first.result.files[0]?.fixes.find((f) => f.remediation === 'run-as-non-root');
    expect(fix).toBeDefined();
    const open = new Map([[fingerprintFix(fix as NonNullable<typeof fix>, 'pod.yaml'), 42]]);
    const second = assess({ 'pod.yaml': text }, {}, open);
    expect(second.posture.findings.find((f) => f.remediation === 'run-as-non-root')?.fix).toEqual({
      state: 'pr-open',
      pullRequest: 42,
    });
  });

  it('Kustomize patches are not workloads; files that do not parse are errors', () => {
    const { posture } = assess({
      'base/kustomization.yaml': 'resources: [app.yaml]\npatches:\n  - path: patch.yaml\n',
      'base/app.yaml': hardened('app'),
      'base/patch.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: x:1\n',
      'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n',
    });
    expect(posture.workloads).toBe(1);
    expect(posture.score.failed).toBe(0);
    // The patch's own detection (held back as partial-manifest) is not a finding of the repository.
    expect(posture.findings).toEqual([]);
    expect(posture.errors.map((e) => e.file)).toEqual(['broken.yaml']);
  });

  it('failures on resources outside the workloads given are kept as resources of their own', () => {
    const result: RunResult = {
      files: [
        {
          path: 'overlay/patch.yaml',
          before: '',
          after: 'x',
          changed: true,
          created: true,
          skipped: [],
          fixes: [
            {
              remediation: 'r',
              resource: { kind: 'Deployment', name: 'w' },
              container: null,
              reason: 'unset',
              ops: [],
              doc: 0,
              behaviourChange: false,
              evidence: [],
              sources: [],
            },
          ],
        },
      ],
      unmapped: [],
      diagnostics: [],
      summary: { files: 1, filesChanged: 1, fixes: 1, skipped: 0, errors: 0, unmapped: 0 },
    };
    const posture = buildPosture({
      workloads: [],
      result,
      remediations: [
        { id: 'r', title: 'R', severity: 'high', controls: [{ framework: 'soc2', id: 'CC6.1', title: 'Access' }] },
      ],
    });
    expect(posture.workloads).toBe(1);
    expect(posture.frameworks).toMatchObject([{ framework: 'soc2', name: 'SOC 2', rate: { passed: 0, failed: 1 } }]);
    expect(posture.findings).toMatchObject([
      { remediation: 'r', severity: 'high', file: 'overlay/patch.yaml', fix: { state: 'fixable' } },
    ]);
  });
});
