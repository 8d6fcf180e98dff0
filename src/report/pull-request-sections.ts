/**
 * The sections of the pull-request body (see render-pull-request.ts). Every string from a finding or a
 * manifest goes through escape-markdown; long lists are capped so the body stays under GitHub's limit.
 */
import type { AppliedFix, FileResult } from '../model.js';
import { codeFence, escapeMarkdown, escapeName, inlineCode } from './escape-markdown.js';
import { isFailure } from './failures.js';
import {
  type ControlInfo,
  type RemediationInfo,
  containerLabel,
  frameworkName,
  resourceLabel,
} from './remediation-info.js';

/** Strings placed in a table cell (see escape-markdown: `|` is escaped even inside code spans there). */
const CELL = { table: true } as const;

export interface Row {
  path: string;
  fix: AppliedFix;
}

/** `1 fix`, `2 fixes`, `3 workloads`. */
export function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : /(x|s|ch|sh)$/.test(word) ? `${word}es` : `${word}s`}`;
}

/** The lines that fit in `budget` characters, and a last line counting the rest. */
function capLines(lines: string[], budget: number, rest: (n: number) => string): string[] {
  let used = 0;
  const kept = lines.findIndex((l) => (used += l.length + 1) > budget);
  return kept < 0 ? lines : [...lines.slice(0, kept), rest(lines.length - kept)];
}

/** Every change: file, resource, container, the RFC 6902 operations, the scanner rules that named it. */
export function changesTable(rows: Row[], budget: number): string {
  const header = '| File | Resource | Container | Change | Scanner rules |\n|---|---|---|---|---|';
  const body = rows.map(({ path, fix }) => {
    const resource = `${escapeName(resourceLabel(fix.resource), CELL)}${fix.resource.namespace ? ` (ns ${escapeName(fix.resource.namespace, CELL)})` : ''}`;
    const container = containerLabel(fix.container);
    const change = fix.ops.map((op) => inlineCode(describeOp(op), CELL)).join('<br>');
    const rules = fix.sources.length
      ? fix.sources.map((s) => `${escapeName(s.tool, CELL)} ${inlineCode(s.ruleId, CELL)}`).join(', ')
      : 'kubemend detection';
    return `| ${inlineCode(path, CELL)} | ${resource} | ${container ? escapeName(container, CELL) : '(pod)'} | ${change} | ${rules} |`;
  });
  const shown = capLines(body, budget, (n) => `| … | ${plural(n, 'more change')}: see the diff | | | |`);
  return `### Changes\n\n${header}\n${shown.join('\n')}`;
}

/** Per remediation: why it matters, and how many places left it unset versus set an insecure value. */
export function whatWasWrong(rows: Row[], infos: RemediationInfo[]): string {
  const lines = infos.map((info) => {
    const mine = rows.filter((r) => r.fix.remediation === info.id);
    const unset = mine.filter((r) => r.fix.reason === 'unset').length;
    const insecure = mine.length - unset;
    const why: string[] = [];
    if (unset) why.push(`${plural(unset, 'place')} did not set it, so the insecure default applied`);
    if (insecure)
      why.push(
        `${plural(insecure, 'place')} set an insecure value explicitly (review these: someone may have chosen it)`,
      );
    const rationale = info.rationale ? ` ${escapeMarkdown(info.rationale)}` : '';
    return `- **${escapeMarkdown(info.title)}**${info.severity ? ` (severity: ${info.severity})` : ''}:${rationale} ${why.join('; ')}.`;
  });
  return `### What was wrong\n\n${lines.join('\n')}`;
}

function describeOp(op: AppliedFix['ops'][number]): string {
  if (op.op === 'remove') return `remove ${op.path}`;
  if ('value' in op) return `${op.op} ${op.path} = ${JSON.stringify(op.value)}`;
  return `${op.op} ${op.path}`;
}

/** The controls satisfied, once each: framework, id (linked when the catalog has an https URL), title. */
export function controlsSection(infos: RemediationInfo[]): string {
  const seen = new Map<string, ControlInfo>();
  for (const c of infos.flatMap((i) => i.controls ?? [])) seen.set(`${c.framework}\u0000${c.id}`, c);
  if (!seen.size) return '';
  const rows = [...seen.values()].map(
    (c) =>
      `| ${escapeMarkdown(frameworkName(c.framework), CELL)} | ${controlLink(c)} | ${escapeMarkdown(c.title ?? '', CELL)} |`,
  );
  return `### Controls satisfied\n\n| Framework | Control | Title |\n|---|---|---|\n${rows.join('\n')}`;
}

/** Links only to https URLs; the URL cannot close the link early (`)` and spaces are percent-encoded). */
function controlLink(c: ControlInfo): string {
  const text = escapeMarkdown(c.id, CELL);
  if (!c.url || !/^https:\/\/[^\s<>]+$/.test(c.url)) return text;
  return `[${text}](${c.url.replace(/[()]/g, (ch) => encodeURIComponent(ch))})`;
}

/** What may break and what to test, flagged when a fix changes runtime behaviour. */
export function risksSection(rows: Row[], infos: RemediationInfo[]): string {
  const lines = infos.map((info) => {
    const changesBehaviour = rows.some((r) => r.fix.remediation === info.id && r.fix.behaviourChange);
    const flag = changesBehaviour ? ' **This changes runtime behaviour: test the workload before merging.**' : '';
    return `- **${escapeMarkdown(info.title)}**: ${escapeMarkdown(info.risk ?? 'No known risk recorded.')}${flag}`;
  });
  return `### Risks and what to test\n\n${lines.join('\n')}`;
}

/** Failures in these files that kubemend did not fix, with the reason ('' when none). */
export function skippedSection(files: readonly FileResult[], budget: number): string {
  const items = files.flatMap((f) => f.skipped.filter(isFailure).map((s) => ({ path: f.path, s })));
  if (!items.length) return '';
  const lines = items.map(({ path, s }) => {
    const container = containerLabel(s.container);
    const at =
      s.line !== undefined
        ? ` (line ${s.line}${s.comment ? `, beside the comment ${inlineCode(`# ${s.comment}`)}` : ''})`
        : '';
    const optIn = s.optIn ? ` To apply it anyway, add ${inlineCode(s.optIn)} to the config.` : '';
    const source = s.source && /^https:\/\/[^\s<>()]+$/.test(s.source) ? ` ([source](${s.source}))` : '';
    const reason = escapeMarkdown(s.reason.replace(/\.$/, ''));
    return `- ${inlineCode(path)} ${escapeName(resourceLabel(s.resource))}${container ? ` ${escapeName(container)}` : ''}: ${inlineCode(s.remediation)} ${inlineCode(s.code)}, ${reason}${at}${source}.${optIn}`;
  });
  return `### Not fixed automatically\n\n${capLines(lines, budget, (n) => `- … and ${n} more`).join('\n')}`;
}

/** How to stop the proposal: close unmerged, or an `ignore` entry for the config file. */
export function ignoreSection(rows: Row[], configPath: string): string {
  const first = rows[0];
  const example = first
    ? `ignore:\n  - remediation: ${first.fix.remediation}\n    resource: ${JSON.stringify(resourceLabel(first.fix.resource))}\n    reason: "why this workload is exempt"`
    : 'ignore:\n  - remediation: all\n    path: "legacy/**"';
  const fence = codeFence(example);
  return `### How to ignore\n\nClose this pull request without merging and kubemend will not propose these fixes again until the manifests or the configuration change. To exempt a workload for good, add to ${inlineCode(configPath)}:\n\n${fence}yaml\n${example}\n${fence}`;
}
