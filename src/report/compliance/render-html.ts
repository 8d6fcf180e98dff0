/**
 * `kubemend report --format html`: one self-contained page (inline style, no script, no external fetch)
 * that an auditor can open or attach as it is. Every string is HTML-escaped; links are only http(s).
 */
import { describeCheck, describePlace, describeResource, safeUrl } from './describe.js';
import type { ControlPosture, Posture, Rate } from './posture.js';
import { percent } from './posture.js';

export interface HtmlReportOptions {
  /** The page's subject (`owner/repo`, a directory). Default: none. */
  subject?: string;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1f2328}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f6f8fa}
.fail{color:#cf222e;font-weight:600}.pass{color:#1a7f37}.exempted{color:#9a6700}summary{cursor:pointer;margin:.4em 0}
code{font:12px ui-monospace,monospace}`;

/** The report as an HTML document. */
export function renderComplianceHtml(posture: Posture, opts: HtmlReportOptions = {}): string {
  const title = `Compliance evidence${opts.subject ? `: ${opts.subject}` : ''}`;
  const out = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
  ];
  out.push(`<title>${esc(title)}</title><style>${STYLE}</style></head><body>`, `<h1>${esc(title)}</h1>`);
  out.push(
    `<p>Posture score: <strong>${percent(posture.score)}</strong>: ${posture.score.passed} of ${posture.score.passed + posture.score.failed} (workload × control) checks pass across ${posture.workloads} workloads${posture.score.exempted ? ` (${posture.score.exempted} exempted checks not counted)` : ''}.</p>`,
  );
  out.push('<table><tr><th>framework</th><th>pass rate</th><th>passing</th><th>failing</th><th>exempted</th></tr>');
  for (const f of posture.frameworks) out.push(`<tr><td>${esc(f.name)}</td>${rateCells(f.rate)}</tr>`);
  out.push('</table>');
  for (const f of posture.frameworks) {
    out.push(`<h2>${esc(f.name)}</h2>`);
    for (const c of f.controls) out.push(control(c));
  }
  if (posture.errors.length) {
    out.push('<h2>Not evaluated</h2><ul>');
    for (const e of posture.errors)
      out.push(`<li>${e.file ? `<code>${esc(e.file)}</code>: ` : ''}${esc(e.message)}</li>`);
    out.push('</ul>');
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

function control(c: ControlPosture): string {
  const url = safeUrl(c.url);
  const name = `${esc(c.id)}: ${esc(c.title)}`;
  const rows = c.resources.map(
    (r) =>
      `<tr><td class="${r.status}">${r.status}</td><td><code>${esc(describeResource(r.resource))}</code></td><td><code>${esc(describePlace(r))}</code></td><td>${describeCheck(r).map(esc).join('<br>')}</td></tr>`,
  );
  return [
    `<details${c.rate.failed ? ' open' : ''}><summary><strong>${name}</strong>: ${percent(c.rate)} pass (${c.rate.passed} passing, ${c.rate.failed} failing, ${c.rate.exempted} exempted)</summary>`,
    url ? `<p><a href="${esc(url)}" rel="noreferrer">${esc(url)}</a></p>` : '',
    `<p>Checked by: ${c.remediations.map((r) => `<code>${esc(r)}</code>`).join(', ')}</p>`,
    rows.length
      ? `<table><tr><th>status</th><th>resource</th><th>file</th><th>fix status</th></tr>\n${rows.join('\n')}\n</table>`
      : '<p><em>No workloads.</em></p>',
    '</details>',
  ].join('\n');
}

function rateCells(rate: Rate): string {
  return `<td>${percent(rate)}</td><td>${rate.passed}</td><td>${rate.failed}</td><td>${rate.exempted}</td>`;
}

/** HTML text and attribute escaping (the five characters HTML gives meaning to). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
