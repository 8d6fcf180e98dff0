/**
 * The compliance report's four formats as a reader or a spreadsheet gets them: markdown renders no mention,
 * reference, HTML or link from a repository's strings; CSV quotes and defuses formulas; HTML escapes
 * everything and links only http(s); JSON is the posture model with its format name.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/model.js';
import {
  buildPosture,
  renderComplianceCsv,
  renderComplianceHtml,
  renderComplianceJson,
  renderComplianceMarkdown,
} from '../../src/report/compliance/index.js';
import { codeTexts, prose, renderHtml } from './github-markdown.js';
import { assess, bare, hardened } from './compliance-helpers.js';

const HOSTILE = '@admin #12 <img src=x onerror=alert(1)> [x](https://evil.example) | =HYPERLINK("http://evil.example")';

function hostilePosture() {
  return assess({ 'deploy/@team|x.yaml': bare(HOSTILE), 'deploy/ok.yaml': hardened('ok') }).posture;
}

describe('compliance report formats', () => {
  it('markdown: per framework and control, every workload with file:line and fix status; hostile strings inert', () => {
    const md = renderComplianceMarkdown(hostilePosture(), { subject: 'acme/infra' });
    expect(md).toContain('# Compliance evidence: acme/infra');
    const cis = hostilePosture().frameworks[0];
    expect(md).toContain(
      `| CIS Kubernetes Benchmark | ${((100 * (cis?.rate.passed ?? 0)) / ((cis?.rate.passed ?? 0) + (cis?.rate.failed ?? 1))).toFixed(1)}% | ${cis?.rate.passed} | ${cis?.rate.failed} | 0 |`,
    );
    expect(md).toContain('### 5.2.7: Minimize the admission of root containers\n');
    expect(md).toMatch(
      /### \[CC6\.8: Prevention or detection of unauthorised or malicious software\]\(https:\/\/www\.aicpa-cima\.com\/[^)]+\)/,
    );
    expect(md).toContain('| pass | Deployment/ok (ns shop) | deploy/ok.yaml:1 |  |');
    expect(md).toContain('`run-as-non-root` (containers/app): fixable (verified patch)');
    expect(md).toContain('`memory-limits` (containers/app): not fixed `needs-value`: ');
    const html = renderHtml(md);
    const visible = prose(html);
    expect(visible).not.toMatch(/@admin|#12|evil\.example/);
    expect(html).not.toMatch(/<img|<a href="https:\/\/evil/);
    // The names are shown exactly, in code.
    expect(codeTexts(html)).toContain(`Deployment/${HOSTILE}`);
    expect(codeTexts(html)).toContain('deploy/@team|x.yaml:1');
    // Every table row keeps its four cells (a `|` in a name does not split it).
    for (const row of md.split('\n').filter((l) => l.startsWith('| fail') || l.startsWith('| pass')))
      expect(row.split(/(?<!\\)\|/).length).toBe(6);
  });

  it('csv: one row per check, quoted, formulas defused', () => {
    const csv = renderComplianceCsv(hostilePosture());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'framework,control,control_title,status,kind,namespace,name,file,line,remediations,fix_status,details',
    );
    const posture = hostilePosture();
    expect(lines.length - 2).toBe(
      posture.frameworks.reduce((n, f) => n + f.controls.reduce((m, c) => m + c.resources.length, 0), 0),
    );
    const bad = lines.find((l) => l.startsWith('CIS Kubernetes Benchmark,5.2.7,') && l.includes(',fail,'));
    expect(bad).toBe(
      `CIS Kubernetes Benchmark,5.2.7,Minimize the admission of root containers,fail,Deployment,,"'${HOSTILE.replace(/"/g, '""')}",deploy/@team|x.yaml,1,run-as-non-root,fixable,run-as-non-root (containers/app): fixable: kubemend has a verified patch`,
    );
    const formula = buildPosture({
      workloads: [],
      remediations: [{ id: 'r', title: 'R', controls: [{ framework: 'soc2', id: 'CC6.1', title: '=cmd|calc' }] }],
      result: runResultWith('=evil.yaml'),
    });
    expect(renderComplianceCsv(formula).split('\r\n')[1]).toBe(
      `SOC 2,CC6.1,'=cmd|calc,fail,Deployment,,w,'=evil.yaml,,r,fixable,r: fixable: kubemend has a verified patch`,
    );
  });

  it('html: self-contained, escaped, only http(s) links', () => {
    const posture = buildPosture({
      workloads: [],
      remediations: [
        {
          id: 'r',
          title: 'R',
          controls: [
            { framework: 'soc2', id: 'CC6.1', title: '<script>alert(1)</script>', url: 'javascript:alert(1)' },
          ],
        },
      ],
      result: runResultWith('<b>x</b>.yaml'),
    });
    const page = renderComplianceHtml(posture, { subject: '<i>repo</i>' });
    expect(page).not.toMatch(/<script|<b>|<i>|javascript:/);
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page).not.toMatch(/(src|href)="(?!https?:)/);
    const real = renderComplianceHtml(hostilePosture());
    expect(real).toMatch(/<a href="https:\/\/[^"]+" rel="noreferrer">/);
    expect(real).not.toMatch(/<img|<link|<script/);
    expect(real).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('json: the posture model with its format name and version', () => {
    const posture = hostilePosture();
    const parsed = JSON.parse(renderComplianceJson(posture)) as Record<string, unknown>;
    expect(parsed).toEqual({ format: 'kubemend-compliance', version: 1, ...JSON.parse(JSON.stringify(posture)) });
  });
});

function runResultWith(path: string): RunResult {
  return {
    files: [
      {
        path,
        before: '',
        after: '',
        changed: false,
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
    summary: { files: 1, filesChanged: 0, fixes: 1, skipped: 0, errors: 0, unmapped: 0 },
  };
}
