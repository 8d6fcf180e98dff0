/**
 * Kubescape JSON → findings. File scans carry the source file (`source.relativePath`, or `object.sourcePath`
 * = `file.yaml:<document index>`) and no lines; cluster scans only a `resourceID`
 * (`<group>/<version>/<namespace>/<Kind>/<name>`). The container is only an index inside the
 * `fixPath`/`failedPath`/`deletePath` field paths, so one finding is emitted per container those paths name.
 */
import type { Finding, ResourceId } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  describeIssues,
  entryDiagnostic,
  resolveRemediation,
  severityFromScore,
} from '../context.js';
import { TOOL, findingsFor, identityOfObject, isObj, parseResourceId, splitSourcePath } from './common.js';
import { parseV1 } from './parse-v1.js';
import { KubescapeControlV2, KubescapeReportV2, KubescapeResourceV2, KubescapeResultV2 } from './schema.js';

export { parseResourceId } from './common.js';

interface ResourceInfo {
  id: Partial<ResourceId>;
  /** The object as scanned, when the report embeds it. */
  object?: unknown;
  location?: Finding['location'];
}

export function detect(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => isObj(v) && Array.isArray(v.controlReports));
  if (!isObj(value)) return false;
  if (Array.isArray(value.controlReports)) return true;
  if (!Array.isArray(value.results)) return false;
  const first = value.results[0];
  return (
    (isObj(first) && typeof first.resourceID === 'string' && 'controls' in first) ||
    (value.results.length === 0 && 'summaryDetails' in value)
  );
}

function resourceTable(resources: unknown[]): Map<string, ResourceInfo> {
  const table = new Map<string, ResourceInfo>();
  for (const raw of resources) {
    const r = KubescapeResourceV2.safeParse(raw);
    if (!r.success) continue;
    const info: ResourceInfo = {
      id: identityOfObject(r.data.object) ?? parseResourceId(r.data.resourceID),
      object: r.data.object ?? undefined,
    };
    const sourcePath = r.data.object?.sourcePath;
    const split = sourcePath ? splitSourcePath(sourcePath) : undefined;
    const path = r.data.source?.relativePath || split?.path;
    if (path) info.location = split?.doc === undefined ? { path } : { path, doc: split.doc };
    table.set(r.data.resourceID, info);
  }
  return table;
}

/** Kubescape's scoreFactor bands (kubescape `apis.ControlSeverityToString`). */
function severityTable(report: Record<string, unknown>): Map<string, number> {
  const out = new Map<string, number>();
  const controls =
    isObj(report.summaryDetails) && isObj(report.summaryDetails.controls) ? report.summaryDetails.controls : {};
  for (const [id, c] of Object.entries(controls))
    if (isObj(c) && typeof c.scoreFactor === 'number') out.set(id, c.scoreFactor);
  return out;
}

function parseV2(value: Record<string, unknown>, ctx: ParseContext): FormatResult {
  const result: FormatResult = { findings: [], diagnostics: [] };
  const report = KubescapeReportV2.parse(value);
  const resources = resourceTable(report.resources ?? []);
  const severities = severityTable(value);
  (report.results ?? []).forEach((raw, i) => {
    const r = KubescapeResultV2.safeParse(raw);
    if (!r.success)
      return void result.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `results[${i}]`, describeIssues(r.error.issues)),
      );
    for (const [j, rawControl] of (r.data.controls ?? []).entries()) {
      const c = KubescapeControlV2.safeParse(rawControl);
      if (!c.success) {
        result.diagnostics.push(
          entryDiagnostic(
            ctx,
            'findings-entry-invalid',
            `results[${i}].controls[${j}]`,
            describeIssues(c.error.issues),
          ),
        );
        continue;
      }
      result.findings.push(...controlFindings(r.data.resourceID, c.data, resources, severities, ctx));
    }
  });
  return result;
}

function controlFindings(
  resourceID: string,
  control: KubescapeControlV2,
  resources: Map<string, ResourceInfo>,
  severities: Map<string, number>,
  ctx: ParseContext,
): Finding[] {
  const failedRules = (control.rules ?? []).filter((rule) => rule.status === 'failed');
  if (control.status?.status !== 'failed' && failedRules.length === 0) return [];
  // Paths may name a related object (kubescape puts a ServiceAccount's paths on the workload's result).
  const byResource = new Map<string, string[]>([[resourceID, []]]);
  for (const rule of failedRules) {
    for (const p of rule.paths ?? []) {
      const path = p.fixPath?.path ?? p.failedPath ?? p.deletePath ?? p.reviewPath;
      if (!path) continue;
      const owner = p.resourceID || resourceID;
      byResource.set(owner, [...(byResource.get(owner) ?? []), path]);
    }
  }
  const out: Finding[] = [];
  for (const [owner, paths] of byResource) {
    if (owner !== resourceID && paths.length === 0) continue;
    const info = resources.get(owner) ?? { id: parseResourceId(owner) };
    const base: Omit<Finding, 'container' | 'suggestedFix'> = {
      tool: TOOL,
      ruleId: control.controlID,
      message: control.name ?? control.controlID,
      resource: { ...info.id },
    };
    const remediation = resolveRemediation(ctx, TOOL, [control.controlID]);
    if (remediation) base.remediation = remediation;
    const score = severities.get(control.controlID);
    const severity = score === undefined ? undefined : severityFromScore(score);
    if (severity) base.severity = severity;
    if (info.location) base.location = { ...info.location };
    out.push(...findingsFor(base, paths, info.object));
  }
  return out;
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  if (Array.isArray(value)) return parseV1(value, ctx);
  const obj = value as Record<string, unknown>;
  if (Array.isArray(obj.controlReports)) return parseV1([obj], ctx);
  return parseV2(obj, ctx);
}
