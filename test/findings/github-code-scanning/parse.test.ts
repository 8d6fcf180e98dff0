import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/findings/index.js';
import { parseSample, resolveRule } from '../helpers.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Array<Record<string, unknown> & { action: string; alert: { state: string; rule: { id: string } } }>;
}>;
const webhooks = examples.find((e) => e.name === 'code_scanning_alert')?.examples ?? [];

describe('github code scanning', () => {
  it('list alerts (OpenAPI example): open alerts become findings, dismissed ones are reported', () => {
    const r = parseSample('github-code-scanning/list-alerts-for-repo.example.json');
    expect(r.format).toBe('github-code-scanning');
    expect(r.findings).toEqual([
      {
        tool: 'codeql',
        ruleId: 'js/zipslip',
        message: 'This path depends on a user-provided value.',
        severity: 'high',
        location: { path: 'spec-main/api-session-spec.ts', startLine: 917, endLine: 917 },
      },
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['findings-entry-skipped', 'github-code-scanning/list-alerts-for-repo.example.json: [1]: alert 3 is dismissed'],
    ]);
  });

  it('get alert (OpenAPI example, dismissed): no finding, one diagnostic', () => {
    const r = parseSample('github-code-scanning/get-alert.example.json');
    expect(r.findings).toEqual([]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'github-code-scanning/get-alert.example.json: [0]: alert 42 is dismissed',
    ]);
  });

  it('alert instances carry no rule: each is a diagnostic', () => {
    const r = parseSample('github-code-scanning/list-alert-instances.example.json');
    expect(r.findings).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['findings-no-rule', 'findings-no-rule']);
  });

  it('every code_scanning_alert webhook example: the `alert` field parses, open/reopened ones become findings', () => {
    expect(webhooks.length).toBe(6);
    for (const payload of webhooks) {
      const r = parseFindings(payload, { resolveRule });
      expect(r.format).toBe('github-code-scanning');
      const open = payload.alert.state === 'open' || payload.alert.state === 'reopened';
      expect(r.findings.map((f) => f.ruleId)).toEqual(open ? [payload.alert.rule.id] : []);
    }
  });

  it('older webhook payloads with `instances` and no `most_recent_instance` still give the file and lines', () => {
    const created = webhooks.find((p) => p.action === 'created');
    expect(created).toBeDefined();
    const r = parseFindings(created, { resolveRule });
    expect(r.findings.map((f) => f.location)).toEqual([
      { path: 'src/main/java/com/github/demo/service/BookService.java', startLine: 84, endLine: 84 },
    ]);
  });

  it('a Trivy alert uploaded to code scanning resolves through Trivy aliases and recovers the container', () => {
    const alert = {
      number: 7,
      state: 'open',
      html_url: 'https://github.com/o/r/security/code-scanning/7',
      rule: {
        id: 'KSV-0014',
        severity: 'warning',
        security_severity_level: 'low',
        description: 'Root file system is not read-only',
      },
      tool: { name: 'Trivy', version: '0.58.0' },
      most_recent_instance: {
        ref: 'refs/heads/main',
        state: 'open',
        message: {
          text: "Container 'app' of Deployment 'web' should set 'securityContext.readOnlyRootFilesystem' to true",
        },
        location: { path: 'deploy/web.yaml', start_line: 29, end_line: 32 },
      },
    };
    expect(parseFindings([alert], { resolveRule }).findings).toEqual([
      {
        tool: 'trivy',
        ruleId: 'KSV-0014',
        remediation: 'readonlyrootfilesystem-true',
        message: "Container 'app' of Deployment 'web' should set 'securityContext.readOnlyRootFilesystem' to true",
        severity: 'low',
        location: { path: 'deploy/web.yaml', startLine: 29, endLine: 32 },
        container: { name: 'app' },
        resource: { kind: 'Deployment', name: 'web' },
      },
    ]);
  });
});
