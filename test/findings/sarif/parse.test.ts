import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/findings/index.js';
import { parseSample, resolveRule } from '../helpers.js';
import { uriToPath } from '../../../src/findings/sarif/parse.js';

describe('sarif', () => {
  it('Checkov docs example: region lines, security-severity score', () => {
    const r = parseSample('checkov/sarif_docs-example_terraform.json');
    expect(r.format).toBe('sarif');
    expect(r.findings).toEqual([
      {
        tool: 'checkov',
        ruleId: 'CKV_AWS_21',
        message: 'Ensure the S3 bucket has versioning enabled',
        severity: 'high',
        location: { path: 's3.tf', startLine: 1, endLine: 3 },
      },
      {
        tool: 'checkov',
        ruleId: 'CKV_AWS_3',
        message: 'Ensure all data stored in the EBS is securely encrypted',
        severity: 'medium',
        location: { path: 'ec2.tf', startLine: 5, endLine: 7 },
      },
    ]);
  });

  it('kube-score: file:// URI and the line in contextRegion (kube-score renderer/sarif/sarif.go)', () => {
    const log = {
      version: '2.1.0',
      $schema: 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json',
      runs: [
        {
          tool: { driver: { name: 'kube-score', rules: null } },
          results: [
            {
              message: { text: 'The container is privileged' },
              ruleId: 'container-security-context-privileged',
              level: 'error',
              properties: { IssueConfidence: 'HIGH', IssueSeverity: 'HIGH' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'file://deploy/app.yaml' },
                    contextRegion: { startLine: 12 },
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(parseFindings(log, { resolveRule }).findings).toEqual([
      {
        tool: 'kube-score',
        ruleId: 'container-security-context-privileged',
        remediation: 'privileged-false',
        message: 'The container is privileged',
        severity: 'high',
        location: { path: 'deploy/app.yaml', startLine: 12 },
      },
    ]);
  });

  it('Trivy SARIF: the container and resource come from the message text; rule by index; passes and suppressed results skipped', () => {
    const text =
      "Artifact: deploy/web.yaml\nType: kubernetes\nVulnerability KSV001\nSeverity: MEDIUM\nMessage: Container 'app' of Deployment 'web' should set 'securityContext.allowPrivilegeEscalation' to false";
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Trivy', rules: [{ id: 'KSV001', properties: { 'security-severity': '5.5' } }] } },
          results: [
            {
              ruleIndex: 0,
              level: 'error',
              message: { text },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: 'ROOTPATH' },
                    region: { startLine: 29, endLine: 32 },
                  },
                },
              ],
            },
            { ruleId: 'KSV001', kind: 'pass', message: { text: 'ok' } },
            { ruleId: 'KSV001', suppressions: [{ kind: 'inSource' }], message: { text: 'suppressed' } },
            {
              ruleId: 'KSV001',
              suppressions: [{ kind: 'external', status: 'rejected' }],
              message: { text: 'rejected suppression' },
            },
          ],
        },
      ],
    };
    const r = parseFindings(log, { resolveRule });
    expect(r.findings).toEqual([
      {
        tool: 'trivy',
        ruleId: 'KSV001',
        remediation: 'allowprivilegeescalation-false',
        message: text,
        severity: 'medium',
        location: { path: 'deploy/web.yaml', startLine: 29, endLine: 32 },
        container: { name: 'app' },
        resource: { kind: 'Deployment', name: 'web' },
      },
      {
        tool: 'trivy',
        ruleId: 'KSV001',
        remediation: 'allowprivilegeescalation-false',
        message: 'rejected suppression',
        severity: 'medium',
      },
    ]);
  });

  it('a result with no rule is a diagnostic', () => {
    const r = parseFindings(
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' } }] }] },
      { resolveRule },
    );
    expect(r.findings).toEqual([]);
    expect(r.diagnostics).toEqual([{ code: 'findings-no-rule', message: 'runs[0].results[0]: result names no rule' }]);
  });

  it('URIs: file scheme and percent-escapes removed; absolute paths kept for locate to refuse', () => {
    expect(uriToPath('file://deploy/a%20b.yaml')).toBe('deploy/a b.yaml');
    expect(uriToPath('file:///etc/passwd')).toBe('/etc/passwd');
    expect(uriToPath('x%zz.yaml')).toBe('x%zz.yaml');
  });
});
