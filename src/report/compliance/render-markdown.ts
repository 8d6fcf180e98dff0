/**
 * `kubemend report --format markdown`: the evidence an auditor reads, per framework and control, every
 * workload that passes and fails with its file:line and fix status. Every string from a repository (paths,
 * names, reasons, a repository's own control titles) is escaped (escape-markdown.ts).
 */
import { escapeMarkdown, escapeName } from '../escape-markdown.js';
import { describePlace, describeResource, safeUrl } from './describe.js';
import type { ControlPosture, FixStatus, Posture, Rate, ResourceCheck } from './posture.js';
import { percent } from './posture.js';

export interface MarkdownReportOptions {
  /** The heading's subject (`owner/repo`, a directory). Default: none. */
  subject?: string;
}

/** The whole report as GitHub-flavoured markdown. */
export function renderComplianceMarkdown(posture: Posture, opts: MarkdownReportOptions = {}): string {
  const out: string[] = [`# Compliance evidence${opts.subject ? `: ${escapeMarkdown(opts.subject)}` : ''}`, ''];
  out.push(
    `Posture score: **${percent(posture.score)}**: ${posture.score.passed} of ${checks(posture.score)} (workload × control) checks pass, across ${posture.workloads} workloads${exempted(posture.score)}.`,
    '',
  );
  out.push('| framework | pass rate | passing | failing | exempted |', '|---|---:|---:|---:|---:|');
  for (const f of posture.frameworks)
    out.push(
      `| ${escapeMarkdown(f.name, { table: true })} | ${percent(f.rate)} | ${f.rate.passed} | ${f.rate.failed} | ${f.rate.exempted} |`,
    );
  for (const f of posture.frameworks) {
    out.push('', `## ${escapeMarkdown(f.name)}`);
    for (const c of f.controls) out.push('', ...controlSection(c));
  }
  if (posture.errors.length) {
    out.push('', '## Not evaluated', '');
    for (const e of posture.errors)
      out.push(`- ${e.file ? `${escapeName(e.file)}: ` : ''}${escapeMarkdown(e.message)}`);
  }
  return `${out.join('\n')}\n`;
}

function controlSection(c: ControlPosture): string[] {
  const url = safeUrl(c.url);
  const title = `${escapeMarkdown(c.id)}: ${escapeMarkdown(c.title)}`;
  const lines = [
    `### ${url ? `[${title}](${url})` : title}`,
    '',
    `${percent(c.rate)} pass (${c.rate.passed} passing, ${c.rate.failed} failing, ${c.rate.exempted} exempted). Checked by: ${c.remediations.map((r) => `\`${r}\``).join(', ')}.`,
  ];
  if (!c.resources.length) return [...lines, '', '_No workloads._'];
  lines.push('', '| status | resource | file | fix status |', '|---|---|---|---|');
  for (const r of c.resources)
    lines.push(
      `| ${r.status} | ${escapeName(describeResource(r.resource), { table: true })} | ${escapeName(describePlace(r), { table: true })} | ${statusCell(r)} |`,
    );
  return lines;
}

function statusCell(r: ResourceCheck): string {
  if (r.status === 'fail')
    return r.failures
      .map(
        (f) =>
          `\`${f.remediation}\`${f.containers.length ? ` (${f.containers.map((c) => escapeName(c, { table: true })).join(', ')})` : ''}: ${fixMarkdown(f.fix)}`,
      )
      .join('<br>');
  if (r.status === 'exempted')
    return r.exemptions
      .map((e) => `\`${e.remediation}\` exempted: ${escapeMarkdown(e.reason, { table: true })}`)
      .join('<br>');
  return '';
}

/** A fix status in markdown: the pull request number stays a link, the reason is escaped. */
export function fixMarkdown(fix: FixStatus, opts: { table?: boolean } = { table: true }): string {
  if (fix.state === 'pr-open') return `fix proposed in #${fix.pullRequest}`;
  if (fix.state === 'fixable') return 'fixable (verified patch)';
  return `not fixed \`${fix.code}\`: ${escapeMarkdown(fix.reason, opts)}`;
}

function checks(rate: Rate): number {
  return rate.passed + rate.failed;
}

function exempted(rate: Rate): string {
  return rate.exempted ? ` (${rate.exempted} exempted checks not counted)` : '';
}
