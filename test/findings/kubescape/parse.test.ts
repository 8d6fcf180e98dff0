import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/findings/index.js';
import { parseSample, resolveRule, sample } from '../helpers.js';
import { parseResourceId } from '../../../src/findings/kubescape/parse.js';

describe('kubescape', () => {
  it('file scan v2 without failures: no findings, no diagnostics', () => {
    const r = parseSample('kubescape/json-v2_file-scan_nginx_v3.0.3.json');
    expect(r).toEqual({ format: 'kubescape', findings: [], diagnostics: [] });
  });

  it('file scan v2: file + document index from sourcePath, container index and name from fixPaths and the embedded object', () => {
    const r = parseSample('kubescape/json-v2_file-scan_nginx_v3.0.3_with-failure.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['C-0030', 'C-0055', 'C-0260']);
    const resource = { kind: 'Deployment', name: 'nginx-deployment', apiVersion: 'apps/v1' };
    expect(r.findings[1]).toEqual({
      tool: 'kubescape',
      ruleId: 'C-0055',
      remediation: 'capabilities-drop-all',
      severity: 'medium',
      message: 'Linux hardening',
      resource,
      location: { path: 'nginx.yaml', doc: 0 },
      container: { type: 'containers', index: 0, name: 'nginx' },
      suggestedFix: [
        'spec.template.spec.containers[0].securityContext.seccompProfile',
        'spec.template.spec.containers[0].securityContext.seLinuxOptions',
        'spec.template.spec.containers[0].securityContext.capabilities.drop[0]',
      ],
    });
    // Controls without a catalog entry are kept, without a remediation.
    expect(r.findings[0]).toEqual({
      tool: 'kubescape',
      ruleId: 'C-0030',
      severity: 'medium',
      message: 'Ingress and Egress blocked',
      resource,
      location: { path: 'nginx.yaml', doc: 0 },
    });
  });

  it('cluster scan v2: identity from resourceID, one finding per failed control and container', () => {
    const r = parseSample('kubescape/json-v2_results_cluster-scan_excerpt.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.findings).toHaveLength(18);
    expect(r.findings[0]).toEqual({
      tool: 'kubescape',
      ruleId: 'C-0017',
      remediation: 'readonlyrootfilesystem-true',
      message: 'Immutable container filesystem',
      resource: { apiVersion: 'apps/v1', namespace: 'backstage', kind: 'Deployment', name: 'backstage-backend' },
      container: { type: 'containers', index: 0 },
      suggestedFix: ['spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem'],
    });
    const pod = r.findings.find((f) => f.ruleId === 'C-0034');
    expect(pod?.container).toBeUndefined();
    expect(pod?.suggestedFix).toEqual(['spec.template.spec.automountServiceAccountToken']);
    expect(new Set(r.findings.map((f) => f.resource?.name))).toEqual(
      new Set(['backstage-backend', 'nginx-deployment', 'cert-manager']),
    );
  });

  it('resourceID forms: file scan, cluster scan, core group, no namespace', () => {
    expect(parseResourceId('path=966824446/api=apps/v1//Deployment/x')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'x',
    });
    expect(parseResourceId('apps/v1/backstage/Deployment/b')).toEqual({
      apiVersion: 'apps/v1',
      namespace: 'backstage',
      kind: 'Deployment',
      name: 'b',
    });
    expect(parseResourceId('/v1/default/Pod/p')).toEqual({
      apiVersion: 'v1',
      namespace: 'default',
      kind: 'Pod',
      name: 'p',
    });
    expect(parseResourceId('garbage')).toEqual({});
  });

  it('v1 reports: real regolibrary rule responses in a v1 framework envelope; alertMessage names the container', () => {
    const responses = JSON.parse(
      sample('kubescape/rule-responses/non-root-containers__deployment-fail__expected.json'),
    ) as unknown[];
    const v1 = [
      {
        name: 'NSA',
        controlReports: [
          {
            controlID: 'C-0013',
            name: 'Non-root containers',
            ruleReports: [{ name: 'non-root-containers', ruleResponses: responses }],
          },
        ],
      },
    ];
    const twice = [...v1, { ...v1[0], name: 'MITRE' }];
    const r = parseFindings(twice, { resolveRule });
    expect(r.format).toBe('kubescape');
    expect(r.findings.map((f) => [f.ruleId, f.remediation, f.container, f.message])).toEqual([
      [
        'C-0013',
        'runasnonroot-true',
        { type: 'containers', index: 0, name: 'nginx' },
        'container: nginx in Deployment: nginx-deployment may run as root',
      ],
      [
        'C-0013',
        'runasnonroot-true',
        { type: 'containers', index: 1, name: 'nginx2' },
        'container: nginx2 in Deployment: nginx-deployment may run as root',
      ],
    ]);
    expect(r.findings[0]?.resource).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment' });
    expect(r.findings[0]?.severity).toBe('high');
  });

  it('every regolibrary rule response parses inside a v1 envelope', () => {
    const files = [
      'alert-any-hostpath__deployment',
      'container-hostPort__pod',
      'drop-capability-netraw__workloads',
      'host-ipc-privileges__workload',
      'host-network-access__workloads',
      'host-pid-privileges__workload',
      'image-not-pinned-to-digest__deployment-unpinned',
      'image-pull-policy-is-not-set-to-always__workload',
      'immutable-container-filesystem__workloads',
      'insecure-capabilities__workloads',
      'linux-hardening__workloads',
      'non-root-containers__deployment-fail',
      'resources-cpu-limits__workload',
      'resources-cpu-requests__workload',
      'resources-memory-limits__workload',
      'resources-memory-requests__workload',
      'rule-allow-privilege-escalation__workloads',
      'set-seccomp-profile-RuntimeDefault__workloads',
      'automount-service-account__deployment-pod-true-sa-true',
    ];
    const counts = files.map((f) => {
      const responses = JSON.parse(sample(`kubescape/rule-responses/${f}__expected.json`)) as unknown[];
      const r = parseFindings(
        { controlReports: [{ controlID: 'C-0000', ruleReports: [{ ruleResponses: responses }] }] },
        { resolveRule },
      );
      expect(r.diagnostics).toEqual([]);
      return r.findings.length;
    });
    expect(counts.every((n) => n > 0)).toBe(true);
  });

  it('a result entry without resourceID is a diagnostic, the rest still parse', () => {
    const r = parseFindings(
      {
        results: [
          {
            resourceID: 'apps/v1/a/Deployment/x',
            controls: [{ controlID: 'C-0016', status: { status: 'failed' }, rules: [] }],
          },
          { controls: [] },
        ],
      },
      { resolveRule, source: 'ks.json' },
    );
    expect(r.findings.map((f) => f.resource)).toEqual([
      { apiVersion: 'apps/v1', namespace: 'a', kind: 'Deployment', name: 'x' },
    ]);
    expect(r.diagnostics).toEqual([
      {
        code: 'findings-entry-invalid',
        message: 'ks.json: results[1]: resourceID: Invalid input: expected string, received undefined',
        file: 'ks.json',
      },
    ]);
  });
});
