/**
 * kube-score JSON → findings. The resource is named; the file and its first row only in newer versions;
 * the container only as a comment's `path`. Checks graded OK or skipped are not findings.
 */
import type { Finding, Severity } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  containerFromPath,
  describeIssues,
  entryDiagnostic,
  resolveRemediation,
} from '../context.js';
import { KubeScoreCheck, KubeScoreObject } from './schema.js';

const TOOL = 'kube-score';
const GRADES: Record<string, number> = { CRITICAL: 1, WARNING: 5, ALMOST_OK: 7, OK: 10 };

export function detect(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every((v) => typeof v === 'object' && v !== null && 'object_name' in v && 'checks' in v);
}

function gradeOf(grade: number | string | undefined): number {
  if (typeof grade === 'number') return grade;
  return GRADES[(grade ?? '').toUpperCase()] ?? 10;
}

function objectFindings(o: KubeScoreObject, c: KubeScoreCheck, ctx: ParseContext): Finding[] {
  const grade = gradeOf(c.grade);
  if (c.skipped || grade > 5) return [];
  const severity: Severity = grade <= 1 ? 'high' : 'medium';
  const base: Finding = { tool: TOOL, ruleId: c.check.id, message: c.check.name ?? c.check.id, severity };
  const remediation = resolveRemediation(ctx, TOOL, [c.check.id]);
  if (remediation) base.remediation = remediation;
  const resource: Finding['resource'] = {};
  if (o.type_meta?.kind) resource.kind = o.type_meta.kind;
  const apiVersion = o.type_meta?.apiVersion ?? o.type_meta?.api_version;
  if (apiVersion) resource.apiVersion = apiVersion;
  if (o.object_meta?.name) resource.name = o.object_meta.name;
  if (o.object_meta?.namespace) resource.namespace = o.object_meta.namespace;
  base.resource = resource;
  if (o.file_name) base.location = o.file_row ? { path: o.file_name, startLine: o.file_row } : { path: o.file_name };
  const comments = c.comments ?? [];
  if (comments.length === 0) return [base];
  const seen = new Set<string>();
  return comments.flatMap((comment) => {
    const key = comment.path ?? '';
    if (seen.has(key)) return [];
    seen.add(key);
    const f: Finding = {
      ...base,
      resource: { ...resource },
      message: comment.summary ? `${base.message}: ${comment.summary}` : base.message,
    };
    if (base.location) f.location = { ...base.location };
    // Container checks put the container's name in `path`; a few put a field path there instead.
    const fromPath = comment.path ? containerFromPath(comment.path) : undefined;
    if (fromPath) f.container = fromPath;
    else if (comment.path && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(comment.path)) f.container = { name: comment.path };
    return [f];
  });
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  const out: FormatResult = { findings: [], diagnostics: [] };
  (value as unknown[]).forEach((raw, i) => {
    const o = KubeScoreObject.safeParse(raw);
    if (!o.success)
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `[${i}]`, describeIssues(o.error.issues)),
      );
    (o.data.checks ?? []).forEach((rawCheck, j) => {
      const c = KubeScoreCheck.safeParse(rawCheck);
      if (!c.success)
        return void out.diagnostics.push(
          entryDiagnostic(ctx, 'findings-entry-invalid', `[${i}].checks[${j}]`, describeIssues(c.error.issues)),
        );
      out.findings.push(...objectFindings(o.data, c.data, ctx));
    });
  });
  return out;
}
