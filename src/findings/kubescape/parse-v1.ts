/**
 * Kubescape v1 JSON (before formatVersion v2): a list of framework reports,
 * `controlReports[].ruleReports[].ruleResponses[]`, each response with its objects and paths. The same
 * control appears once per framework that includes it; it is reported once.
 */
import type { Finding } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  describeIssues,
  entryDiagnostic,
  resolveRemediation,
  severityFromScore,
} from '../context.js';
import { TOOL, findingsFor, identityOfObject, isObj, splitSourcePath } from './common.js';
import { KubescapeControlReportV1, KubescapeFrameworkV1, KubescapeRuleResponseV1 } from './schema.js';

function ruleResponseFindings(
  controlID: string,
  controlName: string | undefined,
  rr: KubescapeRuleResponseV1,
  ctx: ParseContext,
): Finding[] {
  const paths = [...(rr.fixPaths ?? []).map((p) => p.path), ...(rr.failedPaths ?? []), ...(rr.deletePaths ?? [])];
  const out: Finding[] = [];
  for (const obj of rr.alertObject?.k8sApiObjects ?? []) {
    const id = identityOfObject(obj);
    if (!id) continue;
    const base: Omit<Finding, 'container' | 'suggestedFix'> = {
      tool: TOOL,
      ruleId: controlID,
      message: rr.alertMessage ?? controlName ?? controlID,
      resource: id,
    };
    const remediation = resolveRemediation(ctx, TOOL, [controlID]);
    if (remediation) base.remediation = remediation;
    const sourcePath = isObj(obj) && typeof obj.sourcePath === 'string' ? splitSourcePath(obj.sourcePath) : undefined;
    if (sourcePath)
      base.location =
        sourcePath.doc === undefined ? { path: sourcePath.path } : { path: sourcePath.path, doc: sourcePath.doc };
    const severity = rr.alertScore === undefined ? undefined : severityFromScore(rr.alertScore);
    if (severity) base.severity = severity;
    out.push(...findingsFor(base, paths));
  }
  return out;
}

export function parseV1(frameworks: unknown[], ctx: ParseContext): FormatResult {
  const result: FormatResult = { findings: [], diagnostics: [] };
  const seen = new Set<string>();
  frameworks.forEach((fw, i) => {
    const parsed = KubescapeFrameworkV1.safeParse(fw);
    if (!parsed.success)
      return void result.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `[${i}]`, describeIssues(parsed.error.issues)),
      );
    parsed.data.controlReports.forEach((raw, j) => {
      const cr = KubescapeControlReportV1.safeParse(raw);
      const controlID = cr.success ? (cr.data.controlID ?? cr.data.id) : undefined;
      if (!cr.success || !controlID)
        return void result.diagnostics.push(
          entryDiagnostic(
            ctx,
            'findings-entry-invalid',
            `[${i}].controlReports[${j}]`,
            cr.success ? 'no controlID' : describeIssues(cr.error.issues),
          ),
        );
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
