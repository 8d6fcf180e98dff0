import { describe, expect, it } from 'vitest';
import { parseSample } from '../helpers.js';

describe('polaris', () => {
  it('own example (all checks pass): no findings', () => {
    expect(parseSample('polaris/audit-json_own-example.json')).toEqual({
      format: 'polaris',
      findings: [],
      diagnostics: [],
    });
  });

  it('many failures (DefectDojo): controller, pod and container checks; container by name; namespace "" is absent', () => {
    const r = parseSample('polaris/audit-json_many-failures_defectdojo.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.findings).toHaveLength(21);
    const resource = { kind: 'Deployment', name: 'generic-app' };
    expect(r.findings.filter((f) => !f.container).map((f) => f.ruleId)).toEqual([
      'deploymentMissingReplicas',
      'metadataAndInstanceMismatched',
      'missingPodDisruptionBudget',
      'automountServiceAccountToken',
      'missingNetworkPolicy',
      'priorityClassNotSet',
      'topologySpreadConstraint',
    ]);
    expect(r.findings.find((f) => f.ruleId === 'runAsRootAllowed')).toEqual({
      tool: 'polaris',
      ruleId: 'runAsRootAllowed',
      remediation: 'runasnonroot-true',
      severity: 'high',
      message: 'Should not be allowed to run as root',
      resource,
      container: { name: 'server' },
    });
    expect(r.findings.find((f) => f.ruleId === 'pullPolicyNotAlways')?.suggestedFix).toEqual([
      '/spec/template/spec/containers/0/imagePullPolicy',
    ]);
  });
});
