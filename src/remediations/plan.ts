/**
 * Turns failing checks into violations with RFC 6902 ops planned against the document as it is.
 * Container-level fixes give one violation per container; pod-level fixes of every container are merged
 * into one pod violation (one `add` of the pod field), so the ops of each violation are valid alone.
 */
import type { ContainerRef, FailureReason, Operation, Violation, Workload } from '../model.js';
import type { CheckFailure, FailedMatch, Unit, UnitResult } from './evaluate.js';
import { planSets } from './fields.js';
import { addFix, type Group } from './fix-group.js';
import type { Options } from './predicates.js';
import type { Check, Level, Remediation } from './schema.js';

function describe(unit: Unit): string {
  return unit.container ? `${unit.container.type}[${unit.container.index}] "${unit.container.name}"` : 'pod';
}

function note(check: Check, m: FailedMatch): string {
  const field = m.tokens.map((t, i) => (typeof t === 'number' ? `[${t}]` : i === 0 ? t : `.${t}`)).join('');
  if (m.reason === 'unset') return `${field} is unset`;
  return `${field} is ${JSON.stringify(m.value)}${m.source === 'pod' && check.effective?.includes('container') ? ' (from the pod)' : ''}`;
}

/** Whether an `auto` fix goes to the pod: every failing container inherits, none conflicts, and it is smaller. */
export function autoLevel(check: Check, results: UnitResult[]): Level {
  const failingHere = results.filter((r) => r.failures.some((f) => f.check === check));
  if (results.some((r) => r.conflict !== undefined)) return 'container';
  const sources = failingHere.flatMap((r) => r.failures.filter((f) => f.check === check).flatMap((f) => f.matches.map((m) => m.source)));
  if (sources.includes('container')) return 'container';
  return failingHere.length >= 2 || sources.includes('pod') ? 'pod' : 'container';
}

function targetLevel(check: Check, m: FailedMatch, rem: Remediation, auto: Map<Check, Level>): Level {
  const level = check.fix.level === 'auto' ? (auto.get(check) ?? 'container') : (check.fix.level ?? rem.scope);
  // A container-level value overrides the pod: only a container-level write changes it.
  return m.source === 'container' ? 'container' : level;
}

function isReportOnly(check: Check, options: Options): boolean {
  return check.fix.action === 'report' || (check.fix.only_if_option !== undefined && options[check.fix.only_if_option] !== true);
}

function violation(rem: Remediation, workload: Workload, container: ContainerRef | null, reasons: FailureReason[], message: string, ops: Operation[], skipReason?: string): Violation {
  const v: Violation = {
    remediation: rem.id,
    workload,
    container,
    reason: reasons.includes('insecure-value') ? 'insecure-value' : 'unset',
    message,
    ops,
    sources: [],
  };
  if (skipReason !== undefined) v.skipReason = skipReason;
  if (rem.behaviour_change) v.behaviourChange = true;
  return v;
}

interface Context {
  rem: Remediation;
  workload: Workload;
  pod: Unit;
  options: Options;
  auto: Map<Check, Level>;
}

function reportReason(rem: Remediation): string {
  return `not patched automatically: ${rem.guidance ?? 'needs a human decision'}`;
}

/**
 * Violations without ops for one unit (exempted, conflicting, report-only) and the failures left to fix.
 * An exemption or a conflict covers the whole unit; report-only checks are reported one by one.
 */
function splitSkips(ctx: Context, r: UnitResult, exemption: string | undefined): { skips: Violation[]; fixable: CheckFailure[] } {
  const skip = exemption ?? r.conflict;
  if (skip !== undefined) {
    const message = `${describe(r.unit)}: ${r.failures.flatMap((f) => f.matches.map((m) => note(f.check, m))).join('; ')}`;
    const reasons = r.failures.flatMap((f) => f.matches.map((m) => m.reason));
    return { skips: [violation(ctx.rem, ctx.workload, r.unit.container, reasons, message, [], skip)], fixable: [] };
  }
  const reportOnly = r.failures.filter((f) => isReportOnly(f.check, ctx.options));
  const skips = reportOnly.map((f) => {
    const message = `${describe(r.unit)}: ${f.matches.map((m) => note(f.check, m)).join('; ')}`;
    return violation(ctx.rem, ctx.workload, r.unit.container, f.matches.map((m) => m.reason), message, [], reportReason(ctx.rem));
  });
  return { skips, fixable: r.failures.filter((f) => !reportOnly.includes(f)) };
}

/** Adds each failing match's fix to the group of the unit (container level) or of the pod. */
function addToGroups(ctx: Context, groups: Map<string, Group>, unit: Unit, failures: CheckFailure[]): void {
  for (const f of failures) {
    for (const m of f.matches) {
      const level = targetLevel(f.check, m, ctx.rem, ctx.auto);
      const target = level === 'pod' ? ctx.pod : unit;
      const key = level === 'pod' ? 'pod' : target.pointer;
      const group = groups.get(key) ?? { target, sets: [], ops: [], reasons: [], notes: [], containers: [] };
      groups.set(key, group);
      addFix(group, f.check, m, unit, ctx.workload, ctx.options, ctx.pod);
      group.reasons.push(m.reason);
      group.notes.push(`${describe(unit)}: ${note(f.check, m)}`);
      if (unit.container && !group.containers.includes(unit.container)) group.containers.push(unit.container);
    }
  }
}

/** One violation per group: sets planned together (shared missing parents merge), then the other ops. */
function groupViolation(ctx: Context, g: Group): Violation {
  const unique = new Map(g.sets.map((s) => [s.tokens.join('\u0000'), s]));
  const ops = [...planSets(g.target.value, g.target.pointer, [...unique.values()]), ...g.ops];
  const notes = [...new Set(g.notes)].join('; ');
  const message = g.target.level === 'pod' && g.containers.length > 0 ? `fixed at pod level for ${g.containers.length} container(s): ${notes}` : notes;
  return violation(ctx.rem, ctx.workload, g.target.container, g.reasons, message, ops);
}

/** Violations for every failing unit of one remediation on one workload. */
export function planViolations(rem: Remediation, workload: Workload, results: UnitResult[], pod: Unit, options: Options, exemption: string | undefined): Violation[] {
  const auto = new Map<Check, Level>(rem.checks.filter((c) => c.fix.level === 'auto').map((c) => [c, autoLevel(c, results)]));
  const ctx: Context = { rem, workload, pod, options, auto };
  const out: Violation[] = [];
  const groups = new Map<string, Group>();
  for (const r of results.filter((x) => x.failures.length > 0)) {
    const { skips, fixable } = splitSkips(ctx, r, exemption);
    out.push(...skips);
    addToGroups(ctx, groups, r.unit, fixable);
  }
  return [...out, ...[...groups.values()].map((g) => groupViolation(ctx, g))];
}
