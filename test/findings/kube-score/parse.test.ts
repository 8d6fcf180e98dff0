import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/findings/index.js';
import { resolveRule } from '../helpers.js';

/**
 * No kube-score JSON output is in ../shared/findings (only its test inputs), so the report here is built to
 * the shape of kube-score `renderer/json_v2/api.go` (+ file_name/file_row), for the manifest
 * ../shared/findings/kube-score/linenumbers.yaml whose documents start at lines 2 and 12.
 */
const report = [
  {
    object_name: 'foo-1',
    type_meta: { kind: 'Deployment', apiVersion: 'apps/v1' },
    object_meta: { name: 'foo-1', namespace: 'ns' },
    file_name: 'linenumbers.yaml',
    file_row: 12,
    checks: [
      {
        check: {
          id: 'container-security-context-privileged',
          name: 'Container Security Context Privileged',
          target_type: 'Pod',
          comment: '',
          optional: false,
        },
        grade: 1,
        skipped: false,
        comments: [
          {
            path: 'foobar',
            summary: 'The container is privileged',
            description: 'Set securityContext.privileged to false.',
          },
        ],
      },
      {
        check: {
          id: 'container-resources',
          name: 'Container Resources',
          target_type: 'Pod',
          comment: '',
          optional: false,
        },
        grade: 5,
        skipped: false,
        comments: [
          { path: 'spec.template.spec.containers[1].resources.limits', summary: 'No limits', description: '' },
        ],
      },
      {
        check: { id: 'pod-networkpolicy', name: 'Pod NetworkPolicy', target_type: 'Pod', comment: '', optional: false },
        grade: 10,
        skipped: false,
        comments: [],
      },
      {
        check: {
          id: 'container-security-context-readonlyrootfilesystem',
          name: 'RO',
          target_type: 'Pod',
          comment: '',
          optional: false,
        },
        grade: 1,
        skipped: true,
        comments: [],
      },
    ],
  },
];

describe('kube-score', () => {
  it('failed checks (grade ≤ 5, not skipped) become findings; comment path = container name or field path', () => {
    const r = parseFindings(report, { resolveRule });
    expect(r.format).toBe('kube-score');
    expect(r.findings).toEqual([
      {
        tool: 'kube-score',
        ruleId: 'container-security-context-privileged',
        remediation: 'privileged-false',
        severity: 'high',
        message: 'Container Security Context Privileged: The container is privileged',
        resource: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'foo-1', namespace: 'ns' },
        location: { path: 'linenumbers.yaml', startLine: 12 },
        container: { name: 'foobar' },
      },
      {
        tool: 'kube-score',
        ruleId: 'container-resources',
        remediation: 'cpu-limit-set',
        severity: 'medium',
        message: 'Container Resources: No limits',
        resource: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'foo-1', namespace: 'ns' },
        location: { path: 'linenumbers.yaml', startLine: 12 },
        container: { type: 'containers', index: 1 },
      },
    ]);
  });

  it('missing optional fields do not crash', () => {
    const r = parseFindings([{ object_name: 'x', checks: [{ check: { id: 'c' }, grade: 'CRITICAL' }] }], {
      resolveRule,
    });
    expect(r.findings).toEqual([{ tool: 'kube-score', ruleId: 'c', message: 'c', severity: 'high', resource: {} }]);
  });
});
