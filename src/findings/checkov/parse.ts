/**
 * Checkov JSON → findings. Paths are relative to the scanned directory with a leading `/`
 * (`/rootContainersFAILED.yaml`), the line range covers the whole document, the resource is
 * `Kind.namespace.name` with `default` filled in when the manifest has no namespace, and the container is
 * only an index in `evaluated_keys` (first failing container only). Severity is often null.
 */
import type { Finding, ResourceId } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  containerFromPath,
  describeIssues,
  entryDiagnostic,
  enrichFromMessage,
  resolveRemediation,
  toSeverity,
} from '../context.js';
import { CheckovRecord, CheckovReport } from './schema.js';

const TOOL = 'checkov';
/** Check types whose `resource` is a Kubernetes `Kind.namespace.name`. */
const KUBERNETES_TYPES = new Set(['kubernetes', 'helm', 'kustomize']);

function isReport(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'check_type' in v && 'results' in v;
}

export function detect(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 && value.every(isReport) : isReport(value);
}

/**
 * `Deployment.default.web` → identity. Kind and namespace never contain dots; the name may, so it is the rest.
 * `namespace` is marked as filled in by Checkov (it prints `default` for manifests without one).
 */
export function parseCheckovResource(resource: string): Partial<ResourceId> | undefined {
  const parts = resource.split('.');
  if (parts.length < 3) return undefined;
  const [kind, namespace, ...name] = parts;
  return { kind: kind ?? '', namespace: namespace ?? '', name: name.join('.') };
}

function toFinding(r: CheckovRecord, checkType: string, ctx: ParseContext): Finding {
  const f: Finding = { tool: TOOL, ruleId: r.check_id, message: r.check_name ?? r.check_id };
  const remediation = resolveRemediation(ctx, TOOL, [r.check_id]);
  if (remediation) f.remediation = remediation;
  const severity = toSeverity(r.severity);
  if (severity) f.severity = severity;
  const resource = r.resource && KUBERNETES_TYPES.has(checkType) ? parseCheckovResource(r.resource) : undefined;
  if (resource) f.resource = resource;
  const file = r.file_path ?? r.repo_file_path;
  if (file) {
    // Checkov prints paths relative to the scanned directory with a leading slash.
    f.location = { path: file.replace(/^\/(?!\/)/, '') };
    const [start, end] = r.file_line_range ?? [];
    if (start) f.location.startLine = start;
    if (end) f.location.endLine = end;
  }
  const keys = r.check_result?.evaluated_keys ?? [];
  const container = keys.map(containerFromPath).find((c) => c !== undefined);
  if (container) f.container = container;
  if (keys.length) f.suggestedFix = keys;
  return enrichFromMessage(f);
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  const out: FormatResult = { findings: [], diagnostics: [] };
  const reports = Array.isArray(value) ? value : [value];
  reports.forEach((raw, i) => {
    const report = CheckovReport.safeParse(raw);
    if (!report.success)
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `[${i}]`, describeIssues(report.error.issues)),
      );
    const checkType = report.data.check_type ?? '';
    (report.data.results.failed_checks ?? []).forEach((rawRecord, j) => {
      const r = CheckovRecord.safeParse(rawRecord);
      if (!r.success)
        return void out.diagnostics.push(
          entryDiagnostic(
            ctx,
            'findings-entry-invalid',
            `[${i}].results.failed_checks[${j}]`,
            describeIssues(r.error.issues),
          ),
        );
      out.findings.push(toFinding(r.data, checkType, ctx));
    });
  });
  return out;
}
