/**
 * SARIF 2.1.0 from any tool → findings. SARIF has a file and lines but no resource or container: those come
 * from the message when the tool writes them there (Trivy does), else from the manifest at that line.
 */
import type { Finding } from '../../model.js';
import {
  type FormatResult,
  type ParseContext,
  describeIssues,
  entryDiagnostic,
  enrichFromMessage,
  resolveRemediation,
  severityFromScore,
  toSeverity,
} from '../context.js';
import { canonicalToolName } from '../tool-name.js';
import { trivyIdForms } from '../trivy/parse.js';
import { SarifLog, SarifResult, SarifRun } from './schema.js';

export function detect(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const schema = typeof v.$schema === 'string' && /sarif/i.test(v.$schema);
  return Array.isArray(v.runs) && (schema || v.version === '2.1.0');
}

/** `file://deploy.yaml`, `file:///abs/x.yaml`, `deploy%20x.yaml` → a plain path (still untrusted: locate checks it). */
export function uriToPath(uri: string): string {
  let path = uri.replace(/^file:\/\//i, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is kept as written; locate will not find such a file and says so.
  }
  return path;
}

/** A suppression counts unless its status is `rejected` (SARIF 2.1.0 §3.35.3). */
function isSuppressed(r: SarifResult): boolean {
  return (r.suppressions ?? []).some(
    (s) => typeof s !== 'object' || s === null || (s as { status?: unknown }).status !== 'rejected',
  );
}

function ruleIdOf(r: SarifResult, run: SarifRun): string | undefined {
  const index = r.ruleIndex ?? r.rule?.index;
  return r.ruleId ?? r.rule?.id ?? (index === undefined ? undefined : run.tool.driver.rules?.[index]?.id);
}

function toFinding(r: SarifResult, run: SarifRun, ruleId: string, ctx: ParseContext): Finding {
  const tool = canonicalToolName(run.tool.driver.name);
  const f: Finding = { tool, ruleId, message: r.message?.text ?? r.message?.markdown ?? ruleId };
  const ids = tool === 'trivy' ? trivyIdForms(ruleId) : [ruleId];
  const remediation = resolveRemediation(ctx, tool, ids);
  if (remediation) f.remediation = remediation;
  const rule = run.tool.driver.rules?.find((x) => x.id === ruleId);
  const severity =
    severityFromScore(rule?.properties?.['security-severity']) ??
    toSeverity(r.level ?? rule?.defaultConfiguration?.level);
  if (severity) f.severity = severity;
  const physical = r.locations?.[0]?.physicalLocation;
  const uri = physical?.artifactLocation?.uri;
  if (uri) {
    f.location = { path: uriToPath(uri) };
    const region = physical.region?.startLine ? physical.region : physical.contextRegion;
    if (region?.startLine) f.location.startLine = region.startLine;
    if (region?.endLine) f.location.endLine = region.endLine;
  }
  return enrichFromMessage(f);
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  const out: FormatResult = { findings: [], diagnostics: [] };
  SarifLog.parse(value).runs.forEach((rawRun, i) => {
    const run = SarifRun.safeParse(rawRun);
    if (!run.success)
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `runs[${i}]`, describeIssues(run.error.issues)),
      );
    (run.data.results ?? []).forEach((raw, j) => {
      const r = SarifResult.safeParse(raw);
      if (!r.success)
        return void out.diagnostics.push(
          entryDiagnostic(ctx, 'findings-entry-invalid', `runs[${i}].results[${j}]`, describeIssues(r.error.issues)),
        );
      // Passing, informational and suppressed results are not problems to fix.
      if ((r.data.kind && r.data.kind !== 'fail') || isSuppressed(r.data)) return;
      const ruleId = ruleIdOf(r.data, run.data);
      if (!ruleId)
        return void out.diagnostics.push(
          entryDiagnostic(ctx, 'findings-no-rule', `runs[${i}].results[${j}]`, 'result names no rule'),
        );
      out.findings.push(toFinding(r.data, run.data, ruleId, ctx));
    });
  });
  return out;
}
