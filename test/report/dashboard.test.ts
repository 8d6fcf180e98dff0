/**
 * The dashboard issue's body (src/report/dashboard): what a team sees, the checkboxes read back from an
 * edited body, hidden state that survives, hostile names inert, and GitHub's 65,536-character limit kept
 * with 5,000 findings.
 */
import { describe, expect, it } from 'vitest';
import type { FileResult, RunResult } from '../../src/model.js';
import { buildPosture } from '../../src/report/compliance/index.js';
import {
  MAX_BODY,
  newlyTicked,
  parseDashboardState,
  renderDashboard,
  tickedActions,
} from '../../src/report/dashboard/index.js';
import { catalog } from '../remediations/helpers.js';
import { assess, bare, hardened } from './compliance-helpers.js';
import { prose, renderHtml } from './github-markdown.js';

const NOW = '2026-11-30T08:00:00.000Z';
const remediations = () => catalog().remediations;

describe('dashboard body', () => {
  it('holds the score, framework rates, failing controls, fixes first with checkboxes, PRs, exemptions, not fixed, sweep now', () => {
    const exempt = `  annotations:\n    kubemend.io/ignore: no-host-namespaces\n`;
    const { posture } = assess({
      'a.yaml': bare('web'),
      'b.yaml': bare('agent', exempt).replace('    spec:\n', '    spec:\n      hostNetwork: true\n'),
      'c.yaml': hardened('good'),
    });
    const { body, state, detail } = renderDashboard({
      posture,
      remediations: remediations(),
      now: NOW,
      openPullRequests: [{ number: 7, title: 'Run as non-root' }],
    });
    expect(detail).toBe(Number.POSITIVE_INFINITY);
    expect(body).toMatch(
      /^\*\*Posture score: \d+\.\d%\*\*: \d+ of \d+ \(workload × control\) checks pass across 3 workloads; 5 exempted checks are not counted\.\n/,
    );
    expect(body).toContain('| CIS Kubernetes Benchmark |');
    expect(body).toContain('<details><summary>CIS Kubernetes Benchmark: ');
    expect(body).toContain('- #7 Run as non-root');
    expect(body).toContain(
      '| Deployment/agent | b.yaml:1 | `no-host-namespaces` | exempted by annotation kubemend.io/ignore: "no-host-namespaces" on the object metadata |',
    );
    expect(body).toMatch(/\| Deployment\/web \| a\.yaml:1 \| `memory-limits` \| `needs-value` \| /);
    expect(body).toContain('- [ ] Sweep this repository now <!-- kubemend:action sweep -->');
    // Fixes ranked by findings × severity: each with its checkbox.
    const boxes = body.split('\n').filter((l) => l.startsWith('- [ ] **'));
    expect(boxes.length).toBeGreaterThan(3);
    expect(boxes[0]).toMatch(
      /^- \[ \] \*\*.+\*\* \(`[a-z-]+`, (critical|high)\): open a PR for this; clears \d+ findings on \d+ workloads: .+ <!-- kubemend:action pr:[a-z-]+ -->$/,
    );
    expect(parseDashboardState(body)).toEqual(state);
    expect(state.history).toEqual([{ at: NOW, passed: posture.score.passed, failed: posture.score.failed }]);
    // One sweep is no trend: no chart yet.
    expect(body).not.toContain('```mermaid');
  });

  it('draws the trend from the hidden history and says how the score moved', () => {
    const before = assess({ 'a.yaml': bare('web'), 'c.yaml': hardened('good') }).posture;
    const after = assess({ 'a.yaml': hardened('web'), 'c.yaml': hardened('good') }).posture;
    const first = renderDashboard({ posture: before, remediations: remediations(), now: '2026-11-29T08:00:00Z' });
    const second = renderDashboard({
      posture: after,
      remediations: remediations(),
      now: NOW,
      previous: parseDashboardState(first.body),
    });
    expect(second.state.history.length).toBe(2);
    const firstScore = (
      Math.floor((1000 * before.score.passed) / (before.score.passed + before.score.failed)) / 10
    ).toFixed(1);
    expect(second.body).toContain(
      `\`\`\`mermaid\nxychart-beta\n  title "Posture score (% of workload × control checks passing)"\n  x-axis ["11-29 08:00", "11-30 08:00"]\n  y-axis "score %" 0 --> 100\n  line [${firstScore}, 100.0]\n\`\`\``,
    );
    expect(second.body).toMatch(/\*\*Posture score: 100\.0%\*\* \(\+\d+\.\d points since the previous sweep\)/);
    expect(second.body).toContain('Nothing kubemend can fix is left open.');
  });

  it('reads ticked boxes back, only its own items, and keeps the ticks it is told to keep', () => {
    const { posture } = assess({ 'a.yaml': bare('web') });
    const { body } = renderDashboard({
      posture,
      remediations: remediations(),
      now: NOW,
      ticked: new Set(['sweep', 'pr:run-as-non-root']),
    });
    expect(tickedActions(body)).toEqual(new Set(['sweep', 'pr:run-as-non-root']));
    const untouched = renderDashboard({ posture, remediations: remediations(), now: NOW }).body;
    expect(tickedActions(untouched)).toEqual(new Set());
    const edited = untouched
      .replace('- [ ] Sweep this repository now', '- [x] Sweep this repository now')
      .replace(/- \[ \] (\*\*.*pr:run-as-non-root -->)/, '- [X] $1');
    expect(newlyTicked(untouched, edited)).toEqual([
      { kind: 'pull-request', remediation: 'run-as-non-root' },
      { kind: 'sweep' },
    ]);
    expect(newlyTicked(edited, edited)).toEqual([]);
    // Someone's own task item, or a forged id, is not an action.
    expect(
      tickedActions(
        '- [x] buy milk\n- [x] x <!-- kubemend:action rm -rf -->\n- [x] y <!-- kubemend:action pr:../x -->\n',
      ),
    ).toEqual(new Set());
  });

  it('hostile names and reasons are inert and cannot forge a checkbox', () => {
    const hostile = '@admin #1 <img src=x> [a](https://evil.example) <!-- kubemend:action sweep -->';
    const { posture } = assess({ 'h.yaml': bare(hostile) });
    const { body } = renderDashboard({
      posture,
      remediations: remediations(),
      now: NOW,
      openPullRequests: [{ number: 3, title: '@someone fix #9' }],
      errors: ['@ops <b>boom</b>'],
    });
    const html = renderHtml(body);
    expect(prose(html)).not.toMatch(/@admin|@someone|@ops|#1\b|#9|evil\.example/);
    expect(html).not.toMatch(/<img|<b>boom|href="https:\/\/evil/);
    expect(tickedActions(body.replace(/- \[ \] \*\*/g, '- [x] **'))).not.toContain('sweep');
  });

  it('stays under 65,536 characters with 5,000 findings, keeping the checkboxes and the state', () => {
    const rems = remediations();
    const files: FileResult[] = [];
    for (let i = 0; i < 5000; i++) {
      const remediation = rems[i % rems.length]?.id ?? 'x';
      const resource = { kind: 'Deployment', name: `svc-${i}-${'ж'.repeat(40)}`, namespace: 'team-@x' };
      const path = `clusters/prod/apps/${i}/deployment-with-a-rather-long-file-name.yaml`;
      const held = i % 2 === 0;
      files.push({
        path,
        before: '',
        after: '',
        changed: false,
        fixes: held
          ? []
          : [
              {
                remediation,
                resource,
                container: { type: 'containers', name: 'app', index: 0 },
                reason: 'unset',
                ops: [],
                doc: 0,
                behaviourChange: false,
                evidence: [],
                sources: [],
              },
            ],
        skipped: held
          ? [
              {
                remediation,
                resource,
                container: null,
                code: 'needs-value',
                reason: `no value to write ${'because '.repeat(30)}`,
                sources: [],
              },
            ]
          : [],
      });
    }
    const result: RunResult = {
      files,
      unmapped: [],
      diagnostics: [],
      summary: { files: 5000, filesChanged: 0, fixes: 2500, skipped: 2500, errors: 0, unmapped: 0 },
    };
    const posture = buildPosture({ workloads: [], result, remediations: rems });
    expect(posture.findings.length).toBe(5000);
    const prs = Array.from({ length: 50 }, (_, i) => ({ number: i + 1, title: `Fix ${'x'.repeat(200)}` }));
    const { body, detail } = renderDashboard({
      posture,
      remediations: rems,
      now: NOW,
      openPullRequests: prs,
      ticked: new Set(['sweep']),
    });
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(MAX_BODY);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(detail).toBeLessThan(500);
    expect(body).toMatch(/- … and \d+ more: `npx kubemend report` lists every one\./);
    expect(tickedActions(body)).toEqual(new Set(['sweep']));
    expect(body.split('\n').filter((l) => /^- \[ \] \*\*/.test(l)).length).toBe(
      new Set(posture.findings.filter((f) => f.fix.state === 'fixable').map((f) => f.remediation)).size,
    );
    expect(parseDashboardState(body)?.history).toEqual([
      { at: NOW, passed: posture.score.passed, failed: posture.score.failed },
    ]);
  });

  it('a repository with hundreds of its own remediations still gets the score, "sweep now" and the state', () => {
    const rems = Array.from({ length: 400 }, (_, i) => ({
      id: `r-${i}`,
      title: 'T'.repeat(400),
      severity: 'high' as const,
      controls: [{ framework: 'soc2', id: 'CC6.1', title: 'x' }],
    }));
    const result: RunResult = {
      files: rems.map((r, i) => ({
        path: `f${i}.yaml`,
        before: '',
        after: '',
        changed: false,
        skipped: [],
        fixes: [
          {
            remediation: r.id,
            resource: { kind: 'Pod', name: `p${i}` },
            container: null,
            reason: 'unset' as const,
            ops: [],
            doc: 0,
            behaviourChange: false,
            evidence: [],
            sources: [],
          },
        ],
      })),
      unmapped: [],
      diagnostics: [],
      summary: { files: 400, filesChanged: 0, fixes: 400, skipped: 0, errors: 0, unmapped: 0 },
    };
    const posture = buildPosture({ workloads: [], result, remediations: rems });
    const { body, detail } = renderDashboard({ posture, remediations: rems, now: NOW, ticked: new Set(['sweep']) });
    expect(detail).toBe(0);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY);
    expect(
      body.startsWith(
        '**Posture score: 0.0%**: 0 of 400 (workload × control) checks pass across 400 workloads.\n\n## Sweep\n',
      ),
    ).toBe(true);
    expect(tickedActions(body)).toEqual(new Set(['sweep']));
    expect(parseDashboardState(body)?.history.length).toBe(1);
  });
});
