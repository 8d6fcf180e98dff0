import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../../src/findings/index.js';
import { resolveRule } from '../helpers.js';
import { FINDINGS_SCHEMA_FILE, findingsJsonSchemaText } from '../../../src/findings/native/schema.js';

const report = {
  format: 'kubemend-findings',
  version: 1,
  findings: [
    {
      tool: 'kubescape',
      ruleId: 'C-0016',
      message: 'Allow privilege escalation',
      resource: { kind: 'Deployment', name: 'web' },
      location: { path: 'deploy/web.yaml', doc: 1 },
      container: { name: 'app' },
    },
    {
      tool: 'in-house',
      ruleId: 'R1',
      remediation: 'privileged-false',
      severity: 'high',
      message: "Container 'x' of Pod 'p' is privileged",
      location: { path: 'p.yaml', startLine: 3, endLine: 9 },
    },
    { tool: 'in-house', message: 'no rule id' },
  ],
};

describe('native', () => {
  it('the committed JSON Schema is generated from the zod source (run `npm run schemas` when this fails)', () => {
    expect(readFileSync(FINDINGS_SCHEMA_FILE, 'utf8')).toBe(findingsJsonSchemaText());
  });

  it('the JSON Schema accepts the valid findings and rejects the invalid one (ajv, draft 2020-12)', () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(JSON.parse(findingsJsonSchemaText()) as object);
    expect(validate({ ...report, findings: report.findings.slice(0, 2) })).toBe(true);
    expect(validate(report)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/findings/2');
  });

  it('parses findings, resolves remediations, recovers the container from the message, reports bad items', () => {
    const r = parseFindings(JSON.stringify(report), { resolveRule, source: 'native.json' });
    expect(r.format).toBe('native');
    expect(r.findings).toEqual([
      {
        tool: 'kubescape',
        ruleId: 'C-0016',
        remediation: 'allowprivilegeescalation-false',
        message: 'Allow privilege escalation',
        resource: { kind: 'Deployment', name: 'web' },
        location: { path: 'deploy/web.yaml', doc: 1 },
        container: { name: 'app' },
      },
      {
        tool: 'in-house',
        ruleId: 'R1',
        remediation: 'privileged-false',
        severity: 'high',
        message: "Container 'x' of Pod 'p' is privileged",
        location: { path: 'p.yaml', startLine: 3, endLine: 9 },
        container: { name: 'x' },
        resource: { kind: 'Pod', name: 'p' },
      },
    ]);
    expect(r.diagnostics).toEqual([
      {
        code: 'findings-entry-invalid',
        message: 'native.json: findings[2]: ruleId: Invalid input: expected string, received undefined',
        file: 'native.json',
      },
    ]);
  });
});
