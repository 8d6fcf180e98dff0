/**
 * The JSON report carries outcomes as codes (issue 11, typed outcomes): scripts and the App switch on
 * `code`, and the human `reason` beside it may change wording. Findings in kubemend's own format go through
 * the real pipeline and catalog with the default configuration, so each code is the one a user would get.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { parseFindings } from '../../src/findings/index.js';
import type { SkipCode, UnmappedCode } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { renderJson } from '../../src/report/render-json.js';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: true   # the vendor's chart needs it
`;

const web = { resource: { kind: 'Deployment', name: 'web' } };
/** The scanner's privilege-escalation finding on a container of `web`, in a file. */
const escalation = (path: string, container: string) => ({
  tool: 'scanner',
  ruleId: 'APE',
  remediation: 'no-privilege-escalation',
  message: 'escalation',
  ...web,
  location: { path },
  container: { name: container },
});
const REPORT = {
  format: 'kubemend-findings',
  version: 1,
  findings: [
    escalation('web.yaml', 'app'),
    escalation('gone.yaml', 'app'),
    escalation('web.yaml', 'sidecar'),
    {
      tool: 'scanner',
      ruleId: 'NO-FIX',
      message: 'a rule kubemend cannot fix',
      ...web,
      location: { path: 'web.yaml' },
    },
  ],
};

interface Parsed {
  files: Array<{ path: string; skipped: Array<{ code: SkipCode; reason: string }> }>;
  unmapped: Array<{
    ruleId: string;
    location: { path: string } | null;
    container: { name?: string } | null;
    code: UnmappedCode;
    reason: string;
  }>;
}

function report(): Parsed {
  const { findings, diagnostics } = parseFindings(JSON.stringify(REPORT), {
    resolveRule: () => undefined,
    source: 'findings.json',
  });
  expect(diagnostics).toEqual([]);
  const result = runPipeline([{ path: 'web.yaml', text: WEB }], {
    catalog: loadCatalog(),
    config: defaultConfig(),
    findings,
  });
  return JSON.parse(renderJson(result)) as Parsed;
}

describe('JSON report codes', () => {
  it('names why each failure is kept and each finding is unmapped with a code beside the sentence', () => {
    const json = report();
    expect(json.files.map((f) => [f.path, f.skipped.map((s) => s.code)])).toEqual([['web.yaml', ['explicit-value']]]);
    expect(json.unmapped.map((u) => [u.ruleId, u.location?.path, u.container?.name, u.code])).toEqual([
      ['APE', 'gone.yaml', 'app', 'file-not-found'],
      ['APE', 'web.yaml', 'sidecar', 'container-not-found'],
      ['NO-FIX', 'web.yaml', undefined, 'no-automatic-fix'],
    ]);
  });

  it('keeps the human reason beside every code, never in its place', () => {
    const json = report();
    const outcomes = [...json.files.flatMap((f) => f.skipped), ...json.unmapped];
    expect(outcomes).toHaveLength(4);
    for (const o of outcomes) {
      expect(o.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(o.reason.length).toBeGreaterThan(o.code.length);
      expect(o.reason).not.toBe(o.code);
    }
  });
});
