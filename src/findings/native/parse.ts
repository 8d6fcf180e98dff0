/**
 * Native kubemend findings → findings: validated per item, so one bad item is reported and the rest kept.
 */
import type { Finding } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  describeIssues,
  entryDiagnostic,
  enrichFromMessage,
  resolveRemediation,
} from '../context.js';
import { NATIVE_FORMAT, NativeFinding, NativeReport } from './schema.js';

export function detect(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).format === NATIVE_FORMAT;
}

function strip<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  const out: FormatResult = { findings: [], diagnostics: [] };
  NativeReport.parse(value).findings.forEach((raw, i) => {
    const n = NativeFinding.safeParse(raw);
    if (!n.success)
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `findings[${i}]`, describeIssues(n.error.issues)),
      );
    const d = n.data;
    const f: Finding = { tool: d.tool, ruleId: d.ruleId, message: d.message };
    const remediation = d.remediation ?? resolveRemediation(ctx, d.tool, [d.ruleId]);
    if (remediation) f.remediation = remediation;
    if (d.severity) f.severity = d.severity;
    if (d.resource)
      f.resource = strip({
        apiVersion: d.resource.apiVersion,
        kind: d.resource.kind,
        namespace: d.resource.namespace,
        name: d.resource.name,
      });
    if (d.location)
      f.location = strip({
        path: d.location.path,
        startLine: d.location.startLine,
        endLine: d.location.endLine,
        doc: d.location.doc,
      });
    if (d.container) f.container = strip({ name: d.container.name, index: d.container.index, type: d.container.type });
    if (d.suggestedFix) f.suggestedFix = d.suggestedFix;
    if (d.resource?.labels || d.resource?.annotations)
      f.live = { labels: d.resource.labels ?? {}, annotations: d.resource.annotations ?? {} };
    out.findings.push(enrichFromMessage(f));
  });
  return out;
}
