import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/findings/index.js';
import { fixture, parseSample, resolveRule } from '../helpers.js';
import { parseCheckovResource } from '../../../src/findings/checkov/parse.js';

describe('checkov', () => {
  it('real JSON (terraform, DefectDojo): parses; a terraform resource is not a Kubernetes identity', () => {
    const r = parseSample('checkov/json_terraform_defectdojo.json');
    expect(r.format).toBe('checkov');
    expect(r.diagnostics).toEqual([]);
    expect(r.findings).toHaveLength(3);
    expect(r.findings[0]).toEqual({
      tool: 'checkov',
      ruleId: 'CKV_AZURE_41',
      message: 'Ensure the key vault is recoverable',
      location: { path: 'file_path', startLine: 1, endLine: 16 },
    });
  });

  it('kubernetes record: leading slash stripped, Kind.namespace.name, container index from evaluated_keys', () => {
    const r = parseFindings(fixture('checkov.json'), { resolveRule });
    expect(r.findings[0]).toEqual({
      tool: 'checkov',
      ruleId: 'CKV_K8S_20',
      remediation: 'allowprivilegeescalation-false',
      message: 'Containers should not run with allowPrivilegeEscalation',
      resource: { kind: 'Deployment', namespace: 'jobs', name: 'worker' },
      location: { path: 'deploy/worker.yaml', startLine: 1, endLine: 20 },
      container: { type: 'containers', index: 0 },
      suggestedFix: ['spec/template/spec/containers/[0]/securityContext/allowPrivilegeEscalation'],
    });
  });

  it('a list of check-type reports (several frameworks) and a bad record', () => {
    const one = JSON.parse(fixture('checkov.json')) as { results: { failed_checks: unknown[] } };
    const other = { check_type: 'helm', results: { failed_checks: [{ check_name: 'no id' }] } };
    const r = parseFindings([one, other], { resolveRule, source: 'ck.json' });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['CKV_K8S_20', 'CKV_K8S_11']);
    expect(r.diagnostics).toEqual([
      {
        code: 'findings-entry-invalid',
        message: 'ck.json: [1].results.failed_checks[0]: check_id: Invalid input: expected string, received undefined',
        file: 'ck.json',
      },
    ]);
  });

  it('resource ids: names may contain dots', () => {
    expect(parseCheckovResource('Deployment.default.web.v2')).toEqual({
      kind: 'Deployment',
      namespace: 'default',
      name: 'web.v2',
    });
    expect(parseCheckovResource('aws_s3_bucket.x')).toBeUndefined();
  });
});
