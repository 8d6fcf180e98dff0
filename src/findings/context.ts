/**
 * What every format parser receives and returns, plus the small recoveries they share: the remediation
 * through the catalog's aliases, severities, and the container or resource a scanner left only in a
 * path or a message.
 */
import type { ContainerType, Diagnostic, Finding, ResourceId, Severity } from '../model.js';

export type FindingsDiagnosticCode =
  'findings-entry-invalid' | 'findings-entry-skipped' | 'findings-no-rule' | 'findings-empty';

export interface ParseContext {
  /** The catalog's alias lookup: scanner rule id → remediation id. */
  resolveRule: (tool: string, ruleId: string) => string | undefined;
  /** Where the report came from (file name), used in diagnostics. Default: undefined. */
  source?: string;
}

export interface FormatResult {
  findings: Finding[];
  diagnostics: Diagnostic<FindingsDiagnosticCode>[];
}

/** The first remediation any of the rule's id spellings resolves to (Trivy has three for one check). */
export function resolveRemediation(
  ctx: ParseContext,
  tool: string,
  ids: Array<string | undefined>,
): string | undefined {
  for (const id of ids) {
    if (!id) continue;
    const hit = ctx.resolveRule(tool, id);
    if (hit) return hit;
  }
  return undefined;
}

const SEVERITIES: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  danger: 'high',
  error: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  low: 'low',
  note: 'info',
  info: 'info',
  informational: 'info',
  unknown: 'info',
  none: 'info',
};

/** Maps a scanner's severity word to kubemend's scale; undefined when the scanner gave none (Checkov often). */
export function toSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  return SEVERITIES[value.toLowerCase()];
}

/** SARIF `security-severity` / GitHub `security_severity_level` score bands (CVSS v3 qualitative ratings). */
export function severityFromScore(score: unknown): Severity | undefined {
  const n = typeof score === 'string' ? Number(score) : score;
  if (typeof n !== 'number' || Number.isNaN(n)) return undefined;
  if (n >= 9) return 'critical';
  if (n >= 7) return 'high';
  if (n >= 4) return 'medium';
  if (n > 0) return 'low';
  return 'info';
}

const CONTAINER_IN_PATH = /\b(containers|initContainers|ephemeralContainers)(?:\[(\d+)\]|\/\[?(\d+)\]?)/;

/** The container list and index in a dotted, bracketed or slashed field path, e.g. `spec.template.spec.containers[1].image`. */
export function containerFromPath(path: string): { type: ContainerType; index: number } | undefined {
  const m = CONTAINER_IN_PATH.exec(path);
  if (!m) return undefined;
  return { type: m[1] as ContainerType, index: Number(m[2] ?? m[3]) };
}

/**
 * The name of the container a field path addresses, read from the object *as the scanner saw it*
 * (Kubescape embeds it), so locate can match by name and a reordered manifest is not patched by index.
 */
export function containerNameAt(object: unknown, path: string): string | undefined {
  const m = CONTAINER_IN_PATH.exec(path);
  if (!m) return undefined;
  const tokens = path
    .slice(0, m.index)
    .split(/[./]/)
    .filter((t) => t !== '');
  let cur: unknown = object;
  for (const t of [...tokens, m[1] ?? '', m[2] ?? m[3] ?? '']) {
    if (Array.isArray(cur)) cur = cur[Number(t.replace(/[[\]]/g, ''))];
    else if (typeof cur === 'object' && cur !== null) cur = (cur as Record<string, unknown>)[t];
    else return undefined;
  }
  const name = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** Kinds as scanners may print them in lower case, back to their canonical spelling. */
const KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Rollout',
];
const KIND_BY_LOWER = new Map(KINDS.map((k) => [k.toLowerCase(), k]));

export function canonicalKind(kind: string): string {
  return KIND_BY_LOWER.get(kind.toLowerCase()) ?? kind;
}

export interface MessageFacts {
  container?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/**
 * Message shapes that carry what the structured fields lack. Trivy (both quote styles, see
 * trivy-checks lib/kubernetes), Kubescape's `alertMessage`, and the namespace suffix Trivy adds.
 */
const MESSAGE_PATTERNS: RegExp[] = [
  /[Cc]ontainer '(?<container>[^']+)' of (?<kind>[A-Za-z]+) '(?<name>[^']+)'(?: in '(?<namespace>[^']+)' namespace)?/,
  /[Cc]ontainer "(?<container>[^"]+)" of (?<kind>[A-Za-z]+) "(?<name>[^"]+)"(?: in "(?<namespace>[^"]+)" namespace)?/,
  /[Cc]ontainer\s*:\s*(?<container>[^\s,]+) in (?<kind>[A-Za-z]+)\s*:\s*(?<name>[^\s,]+)/,
  /^(?<kind>[A-Za-z]+) (?<name>[a-z0-9][a-z0-9.-]*) in (?<namespace>[a-z0-9-]+) namespace\b/,
  /^(?<kind>[A-Z][A-Za-z]+):? (?<name>[a-z0-9][a-z0-9.-]*): container '(?<container>[^']+)'/,
  /[Cc]ontainer\s*:\s*(?<container>[a-z0-9][-a-z0-9]*)\b/,
];

/** Recovers container, kind, name and namespace from a scanner message, when it names them. */
export function factsFromMessage(message: string): MessageFacts {
  for (const pattern of MESSAGE_PATTERNS) {
    const groups = pattern.exec(message)?.groups;
    if (!groups) continue;
    const facts: MessageFacts = {};
    if (groups.container) facts.container = groups.container;
    // "workload" and other lower-case words are not kinds; known kinds are matched case-insensitively.
    const kind = groups.kind ? canonicalKind(groups.kind) : undefined;
    if (kind && /^[A-Z]/.test(kind)) facts.kind = kind;
    if (groups.name) facts.name = groups.name;
    if (groups.namespace) facts.namespace = groups.namespace;
    return facts;
  }
  return {};
}

/**
 * Fills resource and container from the message where the structured fields left them out. `container:
 * false` when the message may describe another container than this finding's (one alert, several paths).
 */
export function enrichFromMessage(finding: Finding, opts: { container?: boolean } = {}): Finding {
  const facts = factsFromMessage(finding.message);
  if (facts.container && opts.container !== false && !finding.container?.name)
    finding.container = { ...finding.container, name: facts.container };
  if (facts.kind && facts.name) {
    const resource: Partial<ResourceId> = finding.resource ?? {};
    if (!resource.kind) resource.kind = facts.kind;
    if (!resource.name) resource.name = facts.name;
    if (!resource.namespace && facts.namespace) resource.namespace = facts.namespace;
    finding.resource = resource;
  }
  return finding;
}

/** A diagnostic for a report entry that could not be used, naming the source file and entry. */
export function entryDiagnostic(
  ctx: ParseContext,
  code: FindingsDiagnosticCode,
  where: string,
  message: string,
): Diagnostic<FindingsDiagnosticCode> {
  const prefix = ctx.source ? `${ctx.source}: ` : '';
  const d: Diagnostic<FindingsDiagnosticCode> = { code, message: `${prefix}${where}: ${message}` };
  if (ctx.source) d.file = ctx.source;
  return d;
}

/** zod issues as one readable line: `path: message; path: message`. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
