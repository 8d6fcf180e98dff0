/**
 * GitHub code-scanning alerts → findings. An alert has the rule, the tool and the file + lines of its most
 * recent instance, but no resource and no container (only what the message says). Accepted shapes: an
 * alert, a list of alerts (as the API lists them), `{ value: [...] }` (the OpenAPI examples), a
 * `code_scanning_alert` webhook payload, and a list of alert instances (which carry no rule: each is
 * reported as a diagnostic, since the alert must be fetched for its rule).
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
import { canonicalToolName } from '../tool-name.js';
import { trivyIdForms } from '../trivy/parse.js';
import { CodeScanningAlert } from './schema.js';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAlert(v: unknown): boolean {
  return (
    isObj(v) && isObj(v.rule) && isObj(v.tool) && ('most_recent_instance' in v || 'instances' in v || 'html_url' in v)
  );
}

function isInstance(v: unknown): boolean {
  return isObj(v) && 'analysis_key' in v && 'location' in v && !('rule' in v);
}

function listOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObj(value) && Array.isArray(value.value)) return value.value;
  if (isObj(value) && isAlert(value.value)) return [value.value];
  if (isObj(value) && isAlert(value.alert) && 'action' in value) return [value.alert];
  if (isAlert(value)) return [value];
  return undefined;
}

export function detect(value: unknown): boolean {
  const list = listOf(value);
  return list !== undefined && list.length > 0 && list.every((v) => isAlert(v) || isInstance(v));
}

/** Alerts no longer open (dismissed, fixed) are not work to do. */
const OPEN_STATES = new Set(['open', 'reopened', undefined, null]);

function toFinding(a: CodeScanningAlert, ruleId: string, ctx: ParseContext): Finding {
  const tool = canonicalToolName(a.tool?.name ?? 'github-code-scanning');
  // Older `code_scanning_alert` payloads have `instances` and no `most_recent_instance`.
  const instance = a.most_recent_instance ?? a.instances?.[0];
  const message = instance?.message?.text ?? a.rule.description ?? a.rule.name ?? ruleId;
  const f: Finding = { tool, ruleId, message };
  const remediation = resolveRemediation(ctx, tool, tool === 'trivy' ? trivyIdForms(ruleId) : [ruleId]);
  if (remediation) f.remediation = remediation;
  const severity = toSeverity(a.rule.security_severity_level) ?? toSeverity(a.rule.severity);
  if (severity) f.severity = severity;
  const loc = instance?.location;
  if (loc?.path) {
    f.location = { path: loc.path };
    if (loc.start_line) f.location.startLine = loc.start_line;
    if (loc.end_line) f.location.endLine = loc.end_line;
  }
  return enrichFromMessage(f);
}

export function parse(value: unknown, ctx: ParseContext): FormatResult {
  const out: FormatResult = { findings: [], diagnostics: [] };
  (listOf(value) ?? []).forEach((raw, i) => {
    if (isInstance(raw))
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-no-rule', `[${i}]`, 'an alert instance names no rule; pass the alert itself'),
      );
    const a = CodeScanningAlert.safeParse(raw);
    if (!a.success)
      return void out.diagnostics.push(
        entryDiagnostic(ctx, 'findings-entry-invalid', `[${i}]`, describeIssues(a.error.issues)),
      );
    if (!OPEN_STATES.has(a.data.state))
      return void out.diagnostics.push(
        entryDiagnostic(
          ctx,
          'findings-entry-skipped',
          `[${i}]`,
          `alert ${a.data.number ?? ''} is ${a.data.state}`.replace('  ', ' '),
        ),
      );
    const ruleId = a.data.rule.id;
    if (!ruleId)
      return void out.diagnostics.push(entryDiagnostic(ctx, 'findings-no-rule', `[${i}]`, 'alert names no rule'));
    out.findings.push(toFinding(a.data, ruleId, ctx));
  });
  return out;
}
