/**
 * The `--format json` contract of the CLI (issue 4): scripts and the App's tests depend on these exact
 * field names, so they are spelled out here rather than derived from the internal model.
 */
import type { Operation, RunResult, RunSummary, SkipCode } from '../model.js';
import type { NotScanned } from './not-scanned.js';
import { containerLabel, resourceLabel } from './remediation-info.js';
import { type JsonUnmapped, toJsonUnmapped } from './unmapped.js';

export type { JsonUnmapped } from './unmapped.js';

export interface JsonFix {
  remediation: string;
  resource: string;
  namespace: string | null;
  container: string | null;
  ops: Operation[];
  /** What a reviewer should check before merging (an image whose user is unknown, a derived limit). */
  evidence: string[];
}

export interface JsonSkipped {
  remediation: string;
  resource: string;
  container: string | null;
  /** Why it is not fixed, as a code (explicit-value, image-user, node-agent, needs-value, ...). */
  code: SkipCode;
  reason: string;
  /** Line and comment of an explicit value kept. */
  line?: number;
  comment?: string;
  /** The config entry that gets it applied anyway. */
  optIn?: string;
  /** A link backing the reason (an image's Dockerfile). */
  source?: string;
}

export interface JsonFile {
  path: string;
  changed: boolean;
  fixes: JsonFix[];
  skipped: JsonSkipped[];
  error?: { code: string; message: string; line?: number };
}

export interface JsonReport {
  files: JsonFile[];
  unmapped: JsonUnmapped[];
  /** Files kubemend was pointed at and did not scan (Helm templates, links out of the repository, unreadable). */
  notScanned: NotScanned[];
  summary: RunSummary & { notScanned: number };
}

/** The report as a plain object (the contract). */
export function toJsonReport(result: RunResult, notScanned: readonly NotScanned[] = []): JsonReport {
  return {
    files: result.files.map((f) => ({
      path: f.path,
      changed: f.changed,
      fixes: f.fixes.map((x) => ({
        remediation: x.remediation,
        resource: resourceLabel(x.resource),
        namespace: x.resource.namespace ?? null,
        container: containerLabel(x.container),
        ops: x.ops,
        evidence: x.evidence,
      })),
      skipped: f.skipped.map((s) => ({
        remediation: s.remediation,
        resource: resourceLabel(s.resource),
        container: containerLabel(s.container),
        code: s.code,
        reason: s.reason,
        ...(s.line !== undefined ? { line: s.line } : {}),
        ...(s.comment ? { comment: s.comment } : {}),
        ...(s.optIn ? { optIn: s.optIn } : {}),
        ...(s.source ? { source: s.source } : {}),
      })),
      ...(f.error
        ? { error: { code: f.error.code, message: f.error.message, ...(f.error.line ? { line: f.error.line } : {}) } }
        : {}),
    })),
    unmapped: result.unmapped.map(toJsonUnmapped),
    notScanned: [...notScanned],
    summary: { ...result.summary, notScanned: notScanned.length },
  };
}

/** The report as JSON text, two-space indented, with a final newline. */
export function renderJson(result: RunResult, notScanned: readonly NotScanned[] = []): string {
  return `${JSON.stringify(toJsonReport(result, notScanned), null, 2)}\n`;
}
