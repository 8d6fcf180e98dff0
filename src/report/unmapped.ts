/**
 * Findings that were not mapped to a fix, with the identity the scanner gave them (tool, rule, remediation,
 * resource, container, location), so a reader can tell which finding it was without the scanner's report.
 * Each part is as the scanner gave it: scanners name resources and containers partly or not at all.
 */
import type { UnmappedCode, UnmappedFinding } from '../model.js';

export interface JsonUnmapped {
  tool: string;
  ruleId: string;
  /** The remediation the rule maps to; null when the catalog has none (`no-automatic-fix`). */
  remediation: string | null;
  resource: { kind?: string; namespace?: string; name?: string } | null;
  container: { type?: string; name?: string; index?: number } | null;
  location: { path: string; startLine?: number; endLine?: number; doc?: number } | null;
  /** Why it was not mapped, as a code scripts switch on (file-not-found, helm-template, no-automatic-fix, ...). */
  code: UnmappedCode;
  /** The same for people: one sentence naming the file or resource. Its wording may change. */
  reason: string;
}

function defined<T extends object>(value: T): T | null {
  const kept = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(kept).length ? kept : null;
}

/** The JSON entry of an unmapped finding. */
export function toJsonUnmapped({ finding: f, code, reason }: UnmappedFinding): JsonUnmapped {
  const r = f.resource;
  const c = f.container;
  const l = f.location;
  return {
    tool: f.tool,
    ruleId: f.ruleId,
    remediation: f.remediation ?? null,
    resource: r ? defined({ kind: r.kind, namespace: r.namespace, name: r.name }) : null,
    container: c ? defined({ type: c.type, name: c.name, index: c.index }) : null,
    location: l ? { path: l.path, ...defined({ startLine: l.startLine, endLine: l.endLine, doc: l.doc }) } : null,
    code,
    reason,
  };
}

/** One line: `trivy KSV-0012 (run-as-non-root) Deployment/shop/web containers/web at apps/web.yaml:21: CODE: reason`. */
export function describeUnmapped(u: UnmappedFinding): string {
  const j = toJsonUnmapped(u);
  const resource = j.resource
    ? ` ${j.resource.kind ?? '?'}/${j.resource.namespace ? `${j.resource.namespace}/` : ''}${j.resource.name ?? '?'}`
    : '';
  const container = j.container
    ? ` ${j.container.type ?? 'containers'}/${j.container.name ?? `#${j.container.index ?? '?'}`}`
    : '';
  const at = j.location
    ? ` at ${j.location.path}${j.location.startLine !== undefined ? `:${j.location.startLine}` : ''}`
    : '';
  return `${j.tool} ${j.ruleId}${j.remediation ? ` (${j.remediation})` : ''}${resource}${container}${at}: ${j.code}: ${j.reason}`;
}
