/**
 * SARIF 2.1.0 for `scan --format sarif`, shaped for GitHub code scanning
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
 * one rule per remediation with help text naming its controls, one result per failing container (fixable
 * or not) with the file, start line and container, `security-severity` so GitHub ranks the alerts, and a
 * partial fingerprint so alerts survive line moves.
 */
import type { FileResult, RunResult, Severity, SkippedFix } from '../model.js';
import { pathToFileURL } from 'node:url';
import { fingerprintFix } from './fingerprint.js';
import type { NotScanned } from './not-scanned.js';
import {
  type RemediationInfo,
  type RemediationLookup,
  containerLabel,
  frameworkName,
  resourceLabel,
} from './remediation-info.js';
import { lineFinder } from './source-lines.js';
import { isFailure } from './failures.js';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub maps security-severity > 9 to critical, 7-8.9 high, 4-6.9 medium, < 4 low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

export interface RenderSarifOptions {
  lookup: RemediationLookup;
  /** kubemend's version, shown by code scanning. Default: '0.0.0'. */
  version?: string;
  /**
   * Absolute repository root the result paths are relative to (`%SRCROOT%`), given in
   * `originalUriBaseIds` so a consumer can resolve them. Default: none (the base stays implicit).
   */
  root?: string;
  /** Files that were not scanned, reported as warnings in `toolExecutionNotifications`. Default: none. */
  notScanned?: readonly NotScanned[];
}

interface SarifResultItem {
  file: FileResult;
  remediation: string;
  item: Parameters<ReturnType<typeof lineFinder>>[0];
  fixable: boolean;
  text: string;
  fingerprint: string;
  /** Why it is not fixed (skips only). */
  skip?: Pick<SkippedFix, 'code' | 'line' | 'comment' | 'optIn' | 'source'>;
}

/** Renders the failures of a run (fixes not yet applied, and skips that are still failures) as a SARIF log. */
export function renderSarif(result: RunResult, opts: RenderSarifOptions): Record<string, unknown> {
  const items = collect(result);
  const ids = [...new Set(items.map((i) => i.remediation))].sort();
  const rules = ids.map((id) => toRule(id, opts.lookup(id)));
  // One parse per file, however many results it has.
  const finders = new Map(result.files.map((f) => [f, lineFinder(f.path, f.before)] as const));
  const results = items.map((i) =>
    toResult(i, ids.indexOf(i.remediation), opts.lookup(i.remediation), finders.get(i.file)),
  );
  const notifications = [
    ...result.files.flatMap((f) => (f.error ? [toNotification(f)] : [])),
    ...(opts.notScanned ?? []).map(notScannedNotification),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubemend', version: opts.version ?? '0.0.0', rules } },
        ...(opts.root ? { originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(opts.root) } } } : {}),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

function collect(result: RunResult): SarifResultItem[] {
  const items: SarifResultItem[] = [];
  for (const file of result.files) {
    for (const fix of file.fixes) {
      const text = fix.reason === 'insecure-value' ? 'is set to an insecure value' : 'is not set';
      items.push({
        file,
        remediation: fix.remediation,
        item: fix,
        fixable: true,
        text,
        fingerprint: fingerprintFix(fix, file.path),
      });
    }
    for (const s of file.skipped.filter(isFailure)) {
      const fingerprint = fingerprintFix({ ...s, ops: [] }, file.path);
      const optIn = s.optIn ? `; to apply it anyway, add to the config: ${s.optIn}` : '';
      const skip = {
        code: s.code,
        ...(s.line !== undefined ? { line: s.line } : {}),
        ...(s.comment ? { comment: s.comment } : {}),
        ...(s.optIn ? { optIn: s.optIn } : {}),
        ...(s.source ? { source: s.source } : {}),
      };
      items.push({
        file,
        remediation: s.remediation,
        item: s,
        fixable: false,
        text: `not fixed automatically (${s.code}): ${s.reason}${optIn}`,
        fingerprint,
        skip,
      });
    }
  }
  return items;
}

function toRule(id: string, info: RemediationInfo | undefined): Record<string, unknown> {
  const title = info?.title ?? id;
  const controls = info?.controls ?? [];
  const controlLines = controls.map(
    (c) => `- ${frameworkName(c.framework)} ${c.id}${c.title ? `: ${c.title}` : ''}${c.url ? ` (${c.url})` : ''}`,
  );
  const help = [
    info?.rationale ?? title,
    '',
    controls.length ? 'Controls:' : 'Controls: none recorded.',
    ...controlLines,
  ].join('\n');
  const severity = info?.severity ?? 'medium';
  const url = controls.find((c) => c.url?.startsWith('https://'))?.url;
  return {
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: title },
    fullDescription: { text: info?.rationale ?? title },
    help: { text: help, markdown: help },
    ...(url ? { helpUri: url } : {}),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['security', 'kubernetes', ...controls.map((c) => `${c.framework} ${c.id}`)],
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[severity],
    },
  };
}

function toResult(
  i: SarifResultItem,
  ruleIndex: number,
  info: RemediationInfo | undefined,
  lineOf: ReturnType<typeof lineFinder> | undefined,
): Record<string, unknown> {
  const container = containerLabel(i.item.container);
  const subject = `${resourceLabel(i.item.resource)}${container ? ` ${container}` : ''}`;
  const startLine = i.skip?.line ?? lineOf?.(i.item) ?? 1;
  return {
    ruleId: i.remediation,
    ruleIndex,
    level: LEVEL[info?.severity ?? 'medium'],
    message: {
      text: `${subject}: ${info?.title ?? i.remediation} — ${i.text}${i.fixable ? ' (kubemend fix available)' : ''}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUriPath(i.file.path), uriBaseId: '%SRCROOT%' },
          region: { startLine },
        },
      },
    ],
    partialFingerprints: { 'kubemend/v1': i.fingerprint },
    properties: {
      resource: resourceLabel(i.item.resource),
      namespace: i.item.resource.namespace ?? null,
      container,
      fixable: i.fixable,
      ...(i.skip ? { skip: i.skip } : {}),
    },
  };
}

function toNotification(f: FileResult): Record<string, unknown> {
  const region = f.error?.line ? { region: { startLine: f.error.line } } : {};
  return {
    level: 'error',
    message: { text: `${f.path}: ${f.error?.message ?? 'error'}` },
    locations: [
      { physicalLocation: { artifactLocation: { uri: encodeUriPath(f.path), uriBaseId: '%SRCROOT%' }, ...region } },
    ],
  };
}

function notScannedNotification(n: NotScanned): Record<string, unknown> {
  return {
    level: 'warning',
    message: { text: `${n.path}: not scanned (${n.code}): ${n.reason}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUriPath(n.path), uriBaseId: '%SRCROOT%' } } }],
  };
}

/** An absolute `file:` URI with the trailing slash SARIF requires of a base (SARIF 2.1.0 §3.14.14). */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** Relative URI reference: each segment percent-encoded (spaces, `#`, `%` in file names). */
function encodeUriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
