import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/findings/index.js';
import { parseSample, resolveRule } from '../helpers.js';
import { trivyIdForms } from '../../../src/findings/trivy/parse.js';

describe('trivy', () => {
  it('config scan, checks v2 ids (KSV-0001): file + lines from CauseMetadata, resource and container from the message', () => {
    const r = parseSample('trivy/config-json_helm-testchart_checks-v2.golden.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toEqual([
      'KSV-0001',
      'KSV-0030',
      'KSV-0104',
      'KSV-0110',
      'KSV-0117',
      'KSV-0118',
    ]);
    expect(r.findings[0]).toEqual({
      tool: 'trivy',
      ruleId: 'KSV-0001',
      remediation: 'allowprivilegeescalation-false',
      severity: 'medium',
      message:
        "Container 'testchart' of Deployment 'testchart' should set 'securityContext.allowPrivilegeEscalation' to false",
      location: { path: 'templates/deployment.yaml', startLine: 28, endLine: 57 },
      container: { name: 'testchart' },
      resource: { kind: 'Deployment', name: 'testchart' },
    });
    // Lower-case shapes: `container "x" of deployment "y" in "ns" namespace`, `deployment x in ns namespace`.
    expect(r.findings[2]?.container).toEqual({ name: 'testchart' });
    expect(r.findings[2]?.resource).toEqual({ kind: 'Deployment', name: 'testchart', namespace: 'default' });
    expect(r.findings[3]?.resource).toEqual({ kind: 'Deployment', name: 'testchart', namespace: 'default' });
    // A finding without a line range keeps the file only.
    expect(r.findings[4]?.location).toEqual({ path: 'templates/deployment.yaml' });
  });

  it('config scan, pre-v2 ids (KSV001 + AVDID): the same remediations', () => {
    const before = parseSample('trivy/config-json_helm-testchart_pre-checks-v2.golden.json');
    const after = parseSample('trivy/config-json_helm-testchart_checks-v2.golden.json');
    expect(before.findings.map((f) => f.ruleId)).toEqual(['KSV001', 'KSV030', 'KSV104', 'KSV110', 'KSV117', 'KSV118']);
    expect(before.findings.map((f) => f.remediation)).toEqual(after.findings.map((f) => f.remediation));
    expect(before.findings[0]?.remediation).toBe('allowprivilegeescalation-false');
  });

  it('k8s cluster scan (legacy layout, DefectDojo): identity from Kind/Namespace/Name, no file, vulnerabilities ignored', () => {
    const r = parseSample('trivy/k8s-json_cluster_redis_defectdojo.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.findings).toHaveLength(10);
    expect(r.findings[0]).toEqual({
      tool: 'trivy',
      ruleId: 'KSV001',
      remediation: 'allowprivilegeescalation-false',
      severity: 'medium',
      message:
        "Container 'follower' of Deployment 'redis-follower' should set 'securityContext.allowPrivilegeEscalation' to false",
      resource: { kind: 'Deployment', name: 'redis-follower', namespace: 'default' },
      container: { name: 'follower' },
    });
    expect(r.findings.every((f) => f.location === undefined)).toBe(true);
  });

  it('k8s docs example (legacy layout)', () => {
    const r = parseSample('trivy/k8s-json_docs-example_legacy.json');
    expect(r.findings.map((f) => [f.ruleId, f.resource?.name, f.container?.name])).toEqual([
      ['KSV001', 'app', 'app'],
      ['KSV003', 'app', 'app'],
    ]);
  });

  it('k8s current layout: Resources[]', () => {
    const report = {
      ClusterName: 'c',
      Resources: [
        {
          Namespace: 'ns',
          Kind: 'Deployment',
          Name: 'd',
          Results: [
            {
              Target: 'Deployment/d',
              Class: 'config',
              Misconfigurations: [
                {
                  ID: 'KSV-0012',
                  Status: 'FAIL',
                  Message: "Container 'c' of Deployment 'd' should set 'securityContext.runAsNonRoot' to true",
                  Severity: 'MEDIUM',
                },
                { ID: 'KSV-0013', Status: 'PASS' },
              ],
            },
          ],
        },
      ],
    };
    const r = parseFindings(report, { resolveRule });
    expect(r.findings).toEqual([
      {
        tool: 'trivy',
        ruleId: 'KSV-0012',
        remediation: 'runasnonroot-true',
        severity: 'medium',
        message: "Container 'c' of Deployment 'd' should set 'securityContext.runAsNonRoot' to true",
        resource: { kind: 'Deployment', name: 'd', namespace: 'ns' },
        container: { name: 'c' },
      },
    ]);
  });

  it('all three id spellings are tried', () => {
    expect(trivyIdForms('KSV012')).toEqual(['KSV012', 'KSV-0012', 'AVD-KSV-0012']);
    expect(trivyIdForms('KSV-0012')).toEqual(['KSV-0012', 'KSV012', 'AVD-KSV-0012']);
    expect(trivyIdForms('KSV001', 'AVD-KSV-0001')).toEqual(['KSV001', 'AVD-KSV-0001', 'KSV-0001']);
    expect(trivyIdForms('AVD-KSV-0105')).toEqual(['AVD-KSV-0105', 'KSV-0105', 'KSV105']);
  });
});
