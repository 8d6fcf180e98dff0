/**
 * Polaris audit JSON → findings. Polaris names the resource and the container but gives no file and no
 * lines: mapping goes through the identity index.
 */
import type { Finding } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  describeIssues,
  entryDiagnostic,
  resolveRemediation,
  toSeverity,
} from '../context.js';
import { PolarisCheck, PolarisReport, PolarisResult } from './schema.js';

const TOOL = 'polaris';

export function detect(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if ('PolarisOutputVersion' in v) return true;
  const first = Array.isArray(v.Results) ? (v.Results[0] as Record<string, unknown> | undefined) : undefined;
  return typeof first === 'object' && first !== null && 'PodResult' in first && 'Kind' in first;
}

function checkFindings(
  checks: Record<string, unknown> | null | undefined,
  base: Finding['resource'],
  container: string | undefined,
  ctx: ParseContext,
): Finding[] {
  const out: Finding[] = [];
  for (const [key, raw] of Object.entries(checks ?? {})) {
    const c = PolarisCheck.safeParse(raw);
    if (!c.success || c.data.Success) continue;
    const ruleId = c.data.ID ?? key;
    const f: Finding = { tool: TOOL, ruleId, message: c.data.Message ?? ruleId, resource: { ...base } };
    const remediation = resolveRemediation(ctx, TOOL, [ruleId]);
    if (remediation) f.remediation = remediation;
    const severity = toSeverity(c.data.Severity);
    if (severity) f.severity = severity;
    if (container) f.container = { name: container };
    const fixes = (c.data.Mutations ?? []).flatMap((m) => (m.Path ? [m.Path] : []));
    if (fixes.length) f.suggestedFix = fixes;
    out.push(f);
  }
  return out;
}

function resultFindings(r: PolarisResult, ctx: ParseContext): Finding[] {
  const resource: Finding['resource'] = { kind: r.Kind, name: r.Name };
  if (r.Namespace) resource.namespace = r.Namespace;
  return [
    ...checkFindings(r.Results, resource, undefined, ctx),
    ...checkFindings(r.PodResult?.Results, resource, undefined, ctx),
    ...(r.PodResult?.ContainerResults ?? []).flatMap((c) => checkFindings(c.Results, resource, c.Name, ctx)),
  ];
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  const out: FormatResult = { findings: [], diagnostics: [] };
  (PolarisReport.parse(value).Results ?? []).forEach((raw, i) => {
    const r = PolarisResult.safeParse(raw);
    if (!r.success)
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `Results[${i}]`, describeIssues(r.error.issues)),
      );
    out.findings.push(...resultFindings(r.data, ctx));
  });
  return out;
}
