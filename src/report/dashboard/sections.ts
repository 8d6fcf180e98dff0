/**
 * The dashboard's sections, each rendered at a level of detail (`limit`: the most items a list shows), so
 * render-dashboard.ts can lower the detail until the body fits GitHub's limit. Every string from a
 * repository is clipped (a manifest can hold a name of any length) and escaped.
 */
import { escapeMarkdown, escapeName, inlineCode } from '../escape-markdown.js';
import { describePlace, describeResource } from '../compliance/describe.js';
import type { Posture } from '../compliance/posture.js';
import { percent } from '../compliance/posture.js';
import { renderCheckbox } from './actions.js';
import type { Priority } from './prioritise.js';

/** Longest repository string shown (names, paths); reasons get REASON_CLIP. */
const NAME_CLIP = 120;
const REASON_CLIP = 300;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** GitHub's limit on an issue body (render-dashboard.ts MAX_BODY). */
const BODY_LIMIT = 65_536;

/**
 * The first `limit` items rendered, but no more than it takes to pass GitHub's limit: a list that long
 * fails this level of detail anyway, and escaping thousands of reasons to learn that is wasted work.
 */
function rowsWithin<T>(items: readonly T[], limit: number, render: (item: T) => string): string[] {
  const rows: string[] = [];
  let bytes = 0;
  for (const item of items.slice(0, limit)) {
    const text = render(item);
    rows.push(text);
    bytes += text.length + 1;
    if (bytes > BODY_LIMIT) break;
  }
  return rows;
}

const name = (text: string) => escapeName(clip(text, NAME_CLIP), { table: true });
const prose = (text: string) => escapeMarkdown(clip(text, REASON_CLIP), { table: true });

/** "… and N more" after a cut list. */
function more(total: number, shown: number): string[] {
  return total > shown ? [`- … and ${total - shown} more: \`npx kubemend report\` lists every one.`] : [];
}

export function frameworkTable(posture: Posture): string[] {
  const rows = posture.frameworks.map(
    (f) =>
      `| ${escapeMarkdown(f.name, { table: true })} | ${percent(f.rate)} | ${f.rate.passed} / ${f.rate.passed + f.rate.failed} | ${f.controls.filter((c) => c.rate.failed > 0).length} of ${f.controls.length} |`,
  );
  return [
    '## Pass rate per framework',
    '',
    '| framework | pass rate | checks passing | controls failing |',
    '|---|---:|---:|---:|',
    ...rows,
  ];
}

export function failingControls(posture: Posture, limit: number): string[] {
  const out = ['## Failing controls'];
  let any = false;
  for (const f of posture.frameworks) {
    const failing = f.controls.filter((c) => c.rate.failed > 0);
    if (!failing.length) continue;
    any = true;
    const items = failing
      .slice(0, limit)
      .map(
        (c) =>
          `- ${escapeMarkdown(c.id)} ${escapeMarkdown(clip(c.title, REASON_CLIP))}: ${c.rate.failed} of ${c.rate.passed + c.rate.failed} workloads fail (${c.remediations.map((r) => inlineCode(r)).join(', ')})`,
      );
    out.push(
      '',
      `<details><summary>${escapeMarkdown(f.name)}: ${failing.length} failing</summary>`,
      '',
      ...items,
      ...more(failing.length, items.length),
      '',
      '</details>',
    );
  }
  return any ? out : [...out, '', 'None: every check passes or is exempted.'];
}

export function fixFirst(priorities: Priority[], ticked: ReadonlySet<string>, limit: number): string[] {
  const out = [
    '## Fix first',
    '',
    'Fixes that clear the most findings × severity first. Tick a box and kubemend opens a pull request for that fix.',
    '',
  ];
  if (!priorities.length) return [...out, 'Nothing kubemend can fix is left open.'];
  const examples = Math.min(3, limit);
  // Every fix keeps its line (one per remediation, so few; only the examples shrink): a box someone ticked
  // must not vanish because the body had to be shortened.
  for (const p of priorities) {
    const workloads = new Set(p.findings.map((f) => `${f.file}\u0000${describeResource(f.resource)}`)).size;
    const shown = p.findings
      .slice(0, examples)
      .map((f) => `${name(describeResource(f.resource))} in ${name(describePlace(f))}`);
    const eg = shown.length ? `: ${shown.join(', ')}${p.findings.length > shown.length ? ', …' : ''}` : '';
    const label = `**${escapeMarkdown(clip(p.title, REASON_CLIP))}** (${inlineCode(p.remediation)}, ${p.severity}): open a PR for this; clears ${p.findings.length} findings on ${workloads} workloads${eg}`;
    out.push(
      renderCheckbox({ kind: 'pull-request', remediation: p.remediation }, label, ticked.has(`pr:${p.remediation}`)),
    );
  }
  return out;
}

export function openPullRequests(prs: ReadonlyArray<{ number: number; title: string }>, limit: number): string[] {
  const out = ['## Open pull requests', ''];
  if (!prs.length) return [...out, 'None.'];
  const items = prs.slice(0, limit).map((pr) => `- #${pr.number} ${prose(pr.title)}`);
  return [...out, ...items, ...more(prs.length, items.length)];
}

export function exemptions(posture: Posture, limit: number): string[] {
  const out = ['## Exemptions in force', ''];
  if (!posture.exemptions.length) return [...out, 'None.'];
  const rows = rowsWithin(
    posture.exemptions,
    limit,
    (e) =>
      `| ${name(describeResource(e.resource))} | ${name(describePlace(e))} | ${inlineCode(e.remediation)} | ${prose(e.reason)} |`,
  );
  const table = rows.length ? ['| resource | file | remediation | reason |', '|---|---|---|---|', ...rows, ''] : [];
  return [...out, ...table, ...more(posture.exemptions.length, rows.length)];
}

export function notFixed(posture: Posture, limit: number): string[] {
  const out = ['## Could not be fixed', ''];
  const held = posture.findings.filter((f) => f.fix.state === 'not-fixed');
  if (!held.length) return [...out, 'Nothing: kubemend can fix every failing check, or none fails.'];
  const rows = rowsWithin(held, limit, (f) => {
    const fix = f.fix.state === 'not-fixed' ? f.fix : { code: '', reason: '' };
    return `| ${name(describeResource(f.resource))} | ${name(describePlace(f))} | ${inlineCode(f.remediation)} | ${inlineCode(fix.code)} | ${prose(fix.reason)} |`;
  });
  const table = rows.length
    ? ['| resource | file | remediation | code | why |', '|---|---|---|---|---|', ...rows, '']
    : [];
  return [
    ...out,
    `${held.length} failing checks kubemend does not fix automatically${rows.length ? ', and why:' : '.'}`,
    '',
    ...table,
    ...more(held.length, rows.length),
  ];
}

export function errors(posture: Posture, sweepErrors: readonly string[], limit: number): string[] {
  const all = [
    ...posture.errors.map((e) => `${e.file ? `${name(e.file)}: ` : ''}${prose(e.message)}`),
    ...sweepErrors.map(prose),
  ];
  if (!all.length) return [];
  const items = all.slice(0, limit).map((e) => `- ${e}`);
  return ['## Errors', '', ...items, ...more(all.length, items.length)];
}
