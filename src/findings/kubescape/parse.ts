/**
 * Kubescape JSON → findings. File scans carry the source file (`source.relativePath`, or `object.sourcePath`
 * = `file.yaml:<document index>`) and no lines; cluster scans only a `resourceID`
 * (`<group>/<version>/<namespace>/<Kind>/<name>`). The container is only an index inside the
 * `fixPath`/`failedPath`/`deletePath` field paths, so one finding is emitted per container those paths name.
 */
import type { ContainerType, Finding, ResourceId } from '../../model.js';
import { type FormatResult, type ParseContext, containerFromPath, containerNameAt, describeIssues, entryDiagnostic, enrichFromMessage, resolveRemediation, severityFromScore } from '../context.js';
import { KubescapeControlReportV1, KubescapeControlV2, KubescapeFrameworkV1, KubescapeReportV2, KubescapeResourceV2, KubescapeResultV2, KubescapeRuleResponseV1 } from './schema.js';

const TOOL = 'kubescape';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** v2 reports have `results[]` of `{resourceID, controls}`; v1 is a list of `{controlReports}` framework reports. */
export function detect(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => isObj(v) && Array.isArray(v.controlReports));
  if (!isObj(value)) return false;
  if (Array.isArray(value.controlReports)) return true;
  if (!Array.isArray(value.results)) return false;
  const first = value.results[0];
  return (isObj(first) && typeof first.resourceID === 'string' && 'controls' in first) || (value.results.length === 0 && 'summaryDetails' in value);
}

/**
 * A Kubescape resourceID as identity. File scans prefix `path=<hash>/api=`; the core group is empty
 * (`/v1/default/Pod/x`); a missing namespace is an empty segment (`apps/v1//Deployment/x`).
 */
export function parseResourceId(resourceID: string): Partial<ResourceId> {
  const body = resourceID.replace(/^path=[^/]*\/api=/, '');
  const parts = body.split('/');
  if (parts.length < 4) return {};
  const name = parts[parts.length - 1] ?? '';
  const kind = parts[parts.length - 2] ?? '';
  const namespace = parts[parts.length - 3] ?? '';
  const apiVersion = parts.slice(0, parts.length - 3).filter((p) => p !== '').join('/');
  const id: Partial<ResourceId> = { kind, name };
  if (apiVersion) id.apiVersion = apiVersion;
  if (namespace) id.namespace = namespace;
  return id;
}

function identityOfObject(obj: unknown): Partial<ResourceId> | undefined {
  if (!isObj(obj) || typeof obj.kind !== 'string') return undefined;
  const meta = isObj(obj.metadata) ? obj.metadata : {};
  if (typeof meta.name !== 'string') return undefined;
  const id: Partial<ResourceId> = { kind: obj.kind, name: meta.name };
  if (typeof obj.apiVersion === 'string') id.apiVersion = obj.apiVersion;
  if (typeof meta.namespace === 'string' && meta.namespace !== '') id.namespace = meta.namespace;
  return id;
}

/** `nginx.yaml:1` → path + document index; a path without a numeric suffix has no index. */
function splitSourcePath(sourcePath: string): { path: string; doc?: number } {
  const m = /^(.*):(\d+)$/.exec(sourcePath);
  return m ? { path: m[1] ?? sourcePath, doc: Number(m[2]) } : { path: sourcePath };
}

interface ResourceInfo {
  id: Partial<ResourceId>;
  /** The object as scanned, when the report embeds it. */
  object?: unknown;
  location?: Finding['location'];
}

/** Groups field paths by the container they address; paths outside any container fall in the pod group ''. */
function groupByContainer(paths: string[]): Map<string, { container?: { type: ContainerType; index: number }; paths: string[] }> {
  const groups = new Map<string, { container?: { type: ContainerType; index: number }; paths: string[] }>();
  for (const p of paths) {
    const c = containerFromPath(p);
    const key = c ? `${c.type}/${c.index}` : '';
    const g = groups.get(key) ?? (c ? { container: c, paths: [] } : { paths: [] });
    g.paths.push(p);
    groups.set(key, g);
  }
  if (groups.size > 1) groups.delete('');
  return groups;
}

function findingsFor(base: Omit<Finding, 'container' | 'suggestedFix'>, paths: string[], object?: unknown): Finding[] {
  if (paths.length === 0) return [enrichFromMessage({ ...base })];
  const groups = [...groupByContainer(paths).values()];
  return groups.map((g) => {
    const f: Finding = { ...base, suggestedFix: g.paths };
    const name = g.container && object !== undefined ? containerNameAt(object, g.paths[0] ?? '') : undefined;
    if (g.container) f.container = name ? { ...g.container, name } : { ...g.container };
    return enrichFromMessage(f, { container: groups.length === 1 });
  });
}

function resourceTable(resources: unknown[]): Map<string, ResourceInfo> {
  const table = new Map<string, ResourceInfo>();
  for (const raw of resources) {
    const r = KubescapeResourceV2.safeParse(raw);
    if (!r.success) continue;
    const info: ResourceInfo = { id: identityOfObject(r.data.object) ?? parseResourceId(r.data.resourceID), object: r.data.object ?? undefined };
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
  const controls = isObj(report.summaryDetails) && isObj(report.summaryDetails.controls) ? report.summaryDetails.controls : {};
  for (const [id, c] of Object.entries(controls)) if (isObj(c) && typeof c.scoreFactor === 'number') out.set(id, c.scoreFactor);
  return out;
}

function parseV2(value: Record<string, unknown>, ctx: ParseContext): FormatResult {
  const result: FormatResult = { findings: [], diagnostics: [] };
  const report = KubescapeReportV2.parse(value);
  const resources = resourceTable(report.resources ?? []);
  const severities = severityTable(value);
  (report.results ?? []).forEach((raw, i) => {
    const r = KubescapeResultV2.safeParse(raw);
    if (!r.success) return void result.diagnostics.push(entryDiagnostic(ctx, 'findings-entry-invalid', `results[${i}]`, describeIssues(r.error.issues)));
    for (const [j, rawControl] of (r.data.controls ?? []).entries()) {
      const c = KubescapeControlV2.safeParse(rawControl);
      if (!c.success) {
        result.diagnostics.push(entryDiagnostic(ctx, 'findings-entry-invalid', `results[${i}].controls[${j}]`, describeIssues(c.error.issues)));
        continue;
      }
      result.findings.push(...controlFindings(r.data.resourceID, c.data, resources, severities, ctx));
    }
  });
  return result;
}

function controlFindings(resourceID: string, control: KubescapeControlV2, resources: Map<string, ResourceInfo>, severities: Map<string, number>, ctx: ParseContext): Finding[] {
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

function ruleResponseFindings(controlID: string, controlName: string | undefined, rr: KubescapeRuleResponseV1, ctx: ParseContext): Finding[] {
  const paths = [...(rr.fixPaths ?? []).map((p) => p.path), ...(rr.failedPaths ?? []), ...(rr.deletePaths ?? [])];
  const out: Finding[] = [];
  for (const obj of rr.alertObject?.k8sApiObjects ?? []) {
    const id = identityOfObject(obj);
    if (!id) continue;
    const base: Omit<Finding, 'container' | 'suggestedFix'> = { tool: TOOL, ruleId: controlID, message: rr.alertMessage ?? controlName ?? controlID, resource: id };
    const remediation = resolveRemediation(ctx, TOOL, [controlID]);
    if (remediation) base.remediation = remediation;
    const sourcePath = isObj(obj) && typeof obj.sourcePath === 'string' ? splitSourcePath(obj.sourcePath) : undefined;
    if (sourcePath) base.location = sourcePath.doc === undefined ? { path: sourcePath.path } : { path: sourcePath.path, doc: sourcePath.doc };
    const severity = rr.alertScore === undefined ? undefined : severityFromScore(rr.alertScore);
    if (severity) base.severity = severity;
    out.push(...findingsFor(base, paths));
  }
  return out;
}

function parseV1(frameworks: unknown[], ctx: ParseContext): FormatResult {
  const result: FormatResult = { findings: [], diagnostics: [] };
  const seen = new Set<string>();
  frameworks.forEach((fw, i) => {
    const parsed = KubescapeFrameworkV1.safeParse(fw);
    if (!parsed.success) return void result.diagnostics.push(entryDiagnostic(ctx, 'findings-entry-invalid', `[${i}]`, describeIssues(parsed.error.issues)));
    parsed.data.controlReports.forEach((raw, j) => {
      const cr = KubescapeControlReportV1.safeParse(raw);
      const controlID = cr.success ? (cr.data.controlID ?? cr.data.id) : undefined;
      if (!cr.success || !controlID) return void result.diagnostics.push(entryDiagnostic(ctx, 'findings-entry-invalid', `[${i}].controlReports[${j}]`, cr.success ? 'no controlID' : describeIssues(cr.error.issues)));
      for (const rule of cr.data.ruleReports ?? []) {
        for (const rawResponse of rule.ruleResponses ?? []) {
          const rr = KubescapeRuleResponseV1.safeParse(rawResponse);
          if (!rr.success) continue;
          for (const f of ruleResponseFindings(controlID, cr.data.name, rr.data, ctx)) {
            // The same control appears once per framework that includes it.
            const key = JSON.stringify([f.ruleId, f.resource, f.container, f.location, f.suggestedFix]);
            if (!seen.has(key)) result.findings.push(f);
            seen.add(key);
          }
        }
      }
    });
  });
  return result;
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  if (Array.isArray(value)) return parseV1(value, ctx);
  const obj = value as Record<string, unknown>;
  if (Array.isArray(obj.controlReports)) return parseV1([obj], ctx);
  return parseV2(obj, ctx);
}
