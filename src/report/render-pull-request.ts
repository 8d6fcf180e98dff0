/**
 * The pull request kubemend opens (App) or proposes (`--git`, `example`): a title naming the fix and its
 * scope, and a body a reviewer can trust at a glance (issue 6): what was wrong and why, a table of every
 * change, the controls satisfied, risks and what to test, the diff, how to ignore it, and hidden metadata.
 * Every string from a finding or manifest goes through escape-markdown.
 */
import type { AppliedFix, FileResult } from '../model.js';
import { codeFence, escapeMarkdown, inlineCode } from './escape-markdown.js';
import { isFailure } from './failures.js';
import { fingerprintFix } from './fingerprint.js';
import { renderDiff } from './render-diff.js';
import { type ControlInfo, type RemediationInfo, type RemediationLookup, containerLabel, frameworkName, resourceLabel } from './remediation-info.js';
import { type PullRequestMeta, renderMetaComment } from './pull-request-meta.js';

export { fingerprintFix } from './fingerprint.js';
export { type PullRequestMeta, parsePullRequestMeta } from './pull-request-meta.js';

export interface RenderPullRequestOptions {
  lookup: RemediationLookup;
  /** Where the repository's kubemend config lives, for the "how to ignore" section. Default: `.github/kubemend.yml`. */
  configPath?: string;
  /** Longest body; the diff is cut first (GitHub refuses bodies over 65,536 characters). Default: 60000. */
  maxLength?: number;
}

export interface PullRequest {
  title: string;
  body: string;
  meta: PullRequestMeta;
}

interface Row {
  path: string;
  fix: AppliedFix;
}

/** Renders the pull request for the fixes in `files` (files without fixes contribute only their skips). */
export function renderPullRequest(files: readonly FileResult[], opts: RenderPullRequestOptions): PullRequest {
  const rows: Row[] = files.flatMap((f) => f.fixes.map((fix) => ({ path: f.path, fix })));
  const ids = [...new Set(rows.map((r) => r.fix.remediation))].sort();
  const infos = ids.map((id) => opts.lookup(id) ?? { id, title: id });
  const meta: PullRequestMeta = {
    v: 1,
    remediations: ids,
    files: files.filter((f) => f.changed).map((f) => f.path),
    fingerprints: rows.map((r) => fingerprintFix(r.fix, r.path)).sort(),
  };
  const footer = renderMetaComment(meta);
  // The metadata is never cut (re-runs need every fingerprint); the table and the skips share what is left.
  const left = Math.max(0, (opts.maxLength ?? 60_000) - footer.length);
  const sections = [
    summary(rows, infos, files),
    whatWasWrong(rows, infos),
    changesTable(rows, Math.floor(left / 2)),
    controlsSection(infos),
    risksSection(rows, infos),
    skippedSection(files, Math.floor(left / 8)),
    ignoreSection(rows, opts.configPath ?? '.github/kubemend.yml'),
  ].filter((s) => s !== '');
  // Room left for the diff once everything else is in, with some for the <details> wrapper.
  const room = (opts.maxLength ?? 60_000) - [...sections, footer].join('\n\n').length - 300;
  const diff = diffBlock(renderDiff(files.filter((f) => f.changed)), room);
  const body = [...sections, diff, footer].filter((s) => s !== '').join('\n\n');
  return { title: title(rows, infos), body, meta };
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : /(x|s|ch|sh)$/.test(word) ? `${word}es` : `${word}s`}`;
}

function title(rows: Row[], infos: RemediationInfo[]): string {
  const workloads = new Set(rows.map((r) => `${r.path}#${r.fix.doc}#${resourceLabel(r.fix.resource)}`)).size;
  const scope = plural(workloads, 'workload');
  if (infos.length === 1) return `kubemend: ${oneLine(infos[0]?.title ?? '')} (${scope})`;
  return `kubemend: harden ${scope} (${plural(infos.length, 'remediation')})`;
}

function summary(rows: Row[], infos: RemediationInfo[], files: readonly FileResult[]): string {
  const changed = files.filter((f) => f.changed).length;
  const names = infos.map((i) => `**${escapeMarkdown(i.title)}** (${inlineCode(i.id)})`).join(', ');
  return `## kubemend\n\nThis pull request applies ${plural(rows.length, 'fix')} in ${plural(changed, 'file')}: ${names}. Each change was verified by re-parsing the file: the new manifest equals the old one with exactly the listed change applied, and every other line is byte-for-byte unchanged.`;
}

function whatWasWrong(rows: Row[], infos: RemediationInfo[]): string {
  const lines = infos.map((info) => {
    const mine = rows.filter((r) => r.fix.remediation === info.id);
    const unset = mine.filter((r) => r.fix.reason === 'unset').length;
    const insecure = mine.length - unset;
    const why: string[] = [];
    if (unset) why.push(`${plural(unset, 'place')} did not set it, so the insecure default applied`);
    if (insecure) why.push(`${plural(insecure, 'place')} set an insecure value explicitly (review these: someone may have chosen it)`);
    const rationale = info.rationale ? ` ${escapeMarkdown(info.rationale)}` : '';
    return `- **${escapeMarkdown(info.title)}**${info.severity ? ` (severity: ${info.severity})` : ''}:${rationale} ${why.join('; ')}.`;
  });
  return `### What was wrong\n\n${lines.join('\n')}`;
}

/** The lines that fit in `budget` characters, and a last line counting the rest. */
function capLines(lines: string[], budget: number, rest: (n: number) => string): string[] {
  let used = 0;
  const kept = lines.findIndex((l) => (used += l.length + 1) > budget);
  return kept < 0 ? lines : [...lines.slice(0, kept), rest(lines.length - kept)];
}

function changesTable(rows: Row[], budget: number): string {
  const header = '| File | Resource | Container | Change | Scanner rules |\n|---|---|---|---|---|';
  const body = rows.map(({ path, fix }) => {
    const resource = `${escapeMarkdown(resourceLabel(fix.resource))}${fix.resource.namespace ? ` (ns ${escapeMarkdown(fix.resource.namespace)})` : ''}`;
    const container = escapeMarkdown(containerLabel(fix.container) ?? '(pod)');
    const change = fix.ops.map((op) => inlineCode(describeOp(op))).join('<br>');
    const rules = fix.sources.length ? fix.sources.map((s) => `${escapeMarkdown(s.tool)} ${inlineCode(s.ruleId)}`).join(', ') : 'kubemend detection';
    return `| ${inlineCode(path)} | ${resource} | ${container} | ${change} | ${rules} |`;
  });
  const shown = capLines(body, budget, (n) => `| … | ${plural(n, 'more change')}: see the diff | | | |`);
  return `### Changes\n\n${header}\n${shown.join('\n')}`;
}

function describeOp(op: AppliedFix['ops'][number]): string {
  if (op.op === 'remove') return `remove ${op.path}`;
  if ('value' in op) return `${op.op} ${op.path} = ${JSON.stringify(op.value)}`;
  return `${op.op} ${op.path}`;
}

function controlsSection(infos: RemediationInfo[]): string {
  const seen = new Map<string, ControlInfo>();
  for (const c of infos.flatMap((i) => i.controls ?? [])) seen.set(`${c.framework}\u0000${c.id}`, c);
  if (!seen.size) return '';
  const rows = [...seen.values()].map((c) => `| ${escapeMarkdown(frameworkName(c.framework))} | ${controlLink(c)} | ${escapeMarkdown(c.title ?? '')} |`);
  return `### Controls satisfied\n\n| Framework | Control | Title |\n|---|---|---|\n${rows.join('\n')}`;
}

/** Links only to https URLs; the URL cannot close the link early (`)` and spaces are percent-encoded). */
function controlLink(c: ControlInfo): string {
  const text = escapeMarkdown(c.id);
  if (!c.url || !/^https:\/\/[^\s<>]+$/.test(c.url)) return text;
  return `[${text}](${c.url.replace(/[()]/g, (ch) => encodeURIComponent(ch))})`;
}

function risksSection(rows: Row[], infos: RemediationInfo[]): string {
  const lines = infos.map((info) => {
    const changesBehaviour = rows.some((r) => r.fix.remediation === info.id && r.fix.behaviourChange);
    const flag = changesBehaviour ? ' **This changes runtime behaviour: test the workload before merging.**' : '';
    return `- **${escapeMarkdown(info.title)}**: ${escapeMarkdown(info.risk ?? 'No known risk recorded.')}${flag}`;
  });
  return `### Risks and what to test\n\n${lines.join('\n')}`;
}

function skippedSection(files: readonly FileResult[], budget: number): string {
  const items = files.flatMap((f) => f.skipped.filter(isFailure).map((s) => ({ path: f.path, s })));
  if (!items.length) return '';
  const lines = items.map(({ path, s }) => {
    const container = containerLabel(s.container);
    return `- ${inlineCode(path)} ${escapeMarkdown(resourceLabel(s.resource))}${container ? ` ${escapeMarkdown(container)}` : ''}: ${inlineCode(s.remediation)}, ${escapeMarkdown(s.reason)}`;
  });
  return `### Not fixed automatically\n\n${capLines(lines, budget, (n) => `- … and ${n} more`).join('\n')}`;
}

function ignoreSection(rows: Row[], configPath: string): string {
  const first = rows[0];
  const example = first
    ? `ignore:\n  - remediation: ${first.fix.remediation}\n    resource: ${JSON.stringify(resourceLabel(first.fix.resource))}\n    reason: "why this workload is exempt"`
    : 'ignore:\n  - remediation: all\n    path: "legacy/**"';
  const fence = codeFence(example);
  return `### How to ignore\n\nClose this pull request without merging and kubemend will not propose these fixes again until the manifests or the configuration change. To exempt a workload for good, add to ${inlineCode(configPath)}:\n\n${fence}yaml\n${example}\n${fence}`;
}

/** The diff in a collapsible block, cut to `room` characters (the rest of the body is never cut). */
function diffBlock(diff: string, room: number): string {
  if (!diff) return '';
  if (room < 200) return 'The diff does not fit in this description; the Files tab shows the whole change.';
  const cut = diff.length > room;
  const shown = cut ? `${diff.slice(0, Math.max(0, diff.lastIndexOf('\n', room)))}\n` : diff;
  const fence = codeFence(shown);
  const note = cut ? `\n\nThe diff is cut at ${room} characters; the Files tab shows the whole change.` : '';
  return `<details>\n<summary>Diff (${plural(diff.split('\n').length - 1, 'line')})</summary>\n\n${fence}diff\n${shown}${fence}\n\n</details>${note}`;
}

/** Titles are one line; the catalog's title is trusted text, but a repo-local catalog could hold anything. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
