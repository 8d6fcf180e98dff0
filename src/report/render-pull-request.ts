/**
 * The pull request kubemend opens (App) or proposes (`--git`, `example`): a title naming the fix and its
 * scope, and a body a reviewer can trust at a glance (issue 6): what was wrong and why, a table of every
 * change, the controls satisfied, risks and what to test, the diff, how to ignore it, and hidden metadata.
 * Every string from a finding or manifest goes through escape-markdown.
 */
import type { FileResult } from '../model.js';
import { codeFence, escapeMarkdown, inlineCode } from './escape-markdown.js';
import { fitBody } from './fit-body.js';
import { fingerprintFix, fingerprintSetHash } from './fingerprint.js';
import {
  type Row,
  changesTable,
  controlsSection,
  ignoreSection,
  plural,
  risksSection,
  skippedSection,
  whatWasWrong,
} from './pull-request-sections.js';
import { type PullRequestMeta, renderMetaComment } from './pull-request-meta.js';
import { renderDiff } from './render-diff.js';
import { workloadReview } from './workload-review.js';
import { type RemediationInfo, type RemediationLookup, resourceLabel } from './remediation-info.js';

export { fingerprintFix, fingerprintSetHash } from './fingerprint.js';
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
  /** At most `maxLength` characters, the metadata comment last. */
  body: string;
  /** What the body's metadata comment holds. */
  meta: PullRequestMeta;
  /** Sorted fingerprints of the fixes (not in the body: `meta.set` is their hash). */
  fingerprints: string[];
}

/** Renders the pull request for the fixes in `files` (files without fixes contribute only their skips). */
export function renderPullRequest(files: readonly FileResult[], opts: RenderPullRequestOptions): PullRequest {
  const rows: Row[] = files.flatMap((f) => f.fixes.map((fix) => ({ path: f.path, fix }))).sort(reviewOrder);
  const ids = [...new Set(rows.map((r) => r.fix.remediation))].sort();
  const infos = ids.map((id) => opts.lookup(id) ?? { id, title: id });
  const fingerprints = [...new Set(rows.map((r) => fingerprintFix(r.fix, r.path)))].sort();
  const changed = files.filter((f) => f.changed).length;
  const meta: PullRequestMeta = {
    v: 2,
    remediations: ids,
    fixes: rows.length,
    files: changed,
    set: fingerprintSetHash(fingerprints),
  };
  const footer = renderMetaComment(meta);
  const max = opts.maxLength ?? 60_000;
  // The metadata is never cut and its size does not grow with the fixes; the table and the skips share what is left.
  const left = Math.max(0, max - footer.length);
  const sections = [
    summary(rows, infos, files),
    whatWasWrong(rows, infos),
    changesTable(rows, Math.floor(left / 2)),
    controlsSection(infos),
    risksSection(rows, infos),
    workloadReview(rows, Math.floor(left / 8)),
    skippedSection(files, Math.floor(left / 8)),
    ignoreSection(rows, opts.configPath ?? '.github/kubemend.yml'),
  ].filter((s) => s !== '');
  // Room left for the diff once everything else is in, with some for the <details> wrapper.
  const room = max - [...sections, footer].join('\n\n').length - 300;
  const diff = diffBlock(renderDiff(files.filter((f) => f.changed)), room);
  // The sections without a budget (one line per remediation) are small; the cut is a safety net.
  const text = fitBody([...sections, diff].filter((s) => s !== '').join('\n\n'), max - footer.length - 2);
  return { title: title(rows, infos), body: `${text}\n\n${footer}`, meta, fingerprints };
}

const CONTAINER_ORDER = { pod: 0, initContainers: 1, containers: 2, ephemeralContainers: 3 } as const;

/** Rows in the order a reviewer reads the diff: file, document, pod-level first, then containers in order, then remediation. */
function reviewOrder(a: Row, b: Row): number {
  const where = (r: Row): [number, number] => [
    CONTAINER_ORDER[r.fix.container?.type ?? 'pod'],
    r.fix.container?.index ?? -1,
  ];
  const [ta, ia] = where(a);
  const [tb, ib] = where(b);
  return (
    a.path.localeCompare(b.path) ||
    a.fix.doc - b.fix.doc ||
    ta - tb ||
    ia - ib ||
    a.fix.remediation.localeCompare(b.fix.remediation)
  );
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
