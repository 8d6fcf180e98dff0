/**
 * Trivy JSON → findings. A config scan knows the file and line range but names the resource and container
 * only in the message ("Container 'x' of Deployment 'y' ..."); a cluster scan knows the resource but not
 * the file (its lines are those of the live object, so they are not used). Check ids come in three
 * spellings — `KSV012`, `AVD-KSV-0012` and, since trivy-checks v2 (2026), `KSV-0012` — and all are tried.
 */
import type { Finding } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  describeIssues,
  entryDiagnostic,
  enrichFromMessage,
  resolveRemediation,
  toSeverity,
} from '../context.js';
import { TrivyK8sResource, TrivyMisconfiguration, TrivyReport, TrivyResult } from './schema.js';

const TOOL = 'trivy';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function detect(value: unknown): boolean {
  if (!isObj(value)) return false;
  if ('SchemaVersion' in value && ('Results' in value || 'ArtifactName' in value)) return true;
  return 'ClusterName' in value && ('Resources' in value || 'Misconfigurations' in value || 'Vulnerabilities' in value);
}

/** Every spelling of a Trivy check id, so the catalog can match whichever it lists. */
export function trivyIdForms(id: string, avdId?: string): string[] {
  const forms = [id];
  if (avdId) forms.push(avdId);
  const m = /^(?:AVD-)?([A-Z]+)-?0*(\d+)$/.exec(id);
  if (m) {
    const [prefix, num] = [m[1] ?? '', m[2] ?? ''];
    forms.push(
      `${prefix}-${num.padStart(4, '0')}`,
      `${prefix}${num.padStart(3, '0')}`,
      `AVD-${prefix}-${num.padStart(4, '0')}`,
    );
  }
  return [...new Set(forms)];
}

function misconfigFindings(
  raw: unknown[],
  where: string,
  base: Partial<Finding>,
  useLines: boolean,
  ctx: ParseContext,
  out: FormatResult,
): void {
  raw.forEach((entry, k) => {
    const m = TrivyMisconfiguration.safeParse(entry);
    if (!m.success)
      return void out.diagnostics.push(
        entryDiagnostic(
          ctx,
          'findings-entry-invalid',
          `${where}.Misconfigurations[${k}]`,
          describeIssues(m.error.issues),
        ),
      );
    if (m.data.Status && m.data.Status !== 'FAIL') return;
    out.findings.push(toFinding(m.data, base, useLines, ctx));
  });
}

function toFinding(m: TrivyMisconfiguration, base: Partial<Finding>, useLines: boolean, ctx: ParseContext): Finding {
  const f: Finding = { tool: TOOL, ruleId: m.ID, message: m.Message || m.Title || m.ID };
  const remediation = resolveRemediation(ctx, TOOL, trivyIdForms(m.ID, m.AVDID));
  if (remediation) f.remediation = remediation;
  const severity = toSeverity(m.Severity);
  if (severity) f.severity = severity;
  if (base.resource) f.resource = { ...base.resource };
  if (base.location) {
    f.location = { ...base.location };
    const start = m.CauseMetadata?.StartLine;
    const end = m.CauseMetadata?.EndLine;
    if (useLines && start) f.location.startLine = start;
    if (useLines && end) f.location.endLine = end;
  }
  return enrichFromMessage(f);
}

function parseK8sResource(raw: unknown, where: string, ctx: ParseContext, out: FormatResult): void {
  const r = TrivyK8sResource.safeParse(raw);
  if (!r.success)
    return void out.diagnostics.push(
      entryDiagnostic(ctx, 'findings-entry-invalid', where, describeIssues(r.error.issues)),
    );
  const resource: Finding['resource'] = {};
  if (r.data.Kind) resource.kind = r.data.Kind;
  if (r.data.Name) resource.name = r.data.Name;
  if (r.data.Namespace) resource.namespace = r.data.Namespace;
  (r.data.Results ?? []).forEach((rawResult, j) => {
    const res = TrivyResult.safeParse(rawResult);
    if (!res.success || res.data.Class === 'os-pkgs' || res.data.Class === 'lang-pkgs') return;
    misconfigFindings(res.data.Misconfigurations ?? [], `${where}.Results[${j}]`, { resource }, false, ctx, out);
  });
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  const out: FormatResult = { findings: [], diagnostics: [] };
  const report = TrivyReport.parse(value);
  (report.Results ?? []).forEach((raw, i) => {
    const res = TrivyResult.safeParse(raw);
    if (!res.success)
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `Results[${i}]`, describeIssues(res.error.issues)),
      );
    if (!res.data.Misconfigurations?.length) return;
    const base: Partial<Finding> = res.data.Target ? { location: { path: res.data.Target } } : {};
    misconfigFindings(res.data.Misconfigurations, `Results[${i}]`, base, true, ctx, out);
  });
  (report.Resources ?? []).forEach((raw, i) => parseK8sResource(raw, `Resources[${i}]`, ctx, out));
  (report.Misconfigurations ?? []).forEach((raw, i) => parseK8sResource(raw, `Misconfigurations[${i}]`, ctx, out));
  return out;
}
