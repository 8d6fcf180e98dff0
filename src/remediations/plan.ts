/**
 * Turns failing checks into violations with RFC 6902 ops planned against the document as it is.
 * Container-level fixes give one violation per container; pod-level fixes of every container are merged
 * into one pod violation (one `add` of the pod field), so the ops of each violation are valid alone.
 * Fixes the safety guards hold back (src/remediations/guards/) become violations without ops, with a skip.
 */
import type { Config } from '../config/schema.js';
import type { ContainerRef, FailureReason, Operation, Skip, Violation, Workload } from '../model.js';
import type { CheckFailure, FailedMatch, Unit, UnitResult } from './evaluate.js';
import { planSets } from './fields.js';
import { addFix, type Group } from './fix-group.js';
import { type GuardContext, type Planned, failureVerdict, imageVerdict, unitSkip } from './guards/index.js';
import type { ImageKnowledge } from './images/lookup-image.js';
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

/**
 * Whether an `auto` fix goes to the pod: every failing container inherits, no container is held back (a
 * pod-level value would reach it too), and it is smaller.
 */
export function autoLevel(check: Check, results: UnitResult[], held: Set<Unit> = new Set()): Level {
  const failingHere = results.filter((r) => r.failures.some((f) => f.check === check));
  if (results.some((r) => r.conflict !== undefined || held.has(r.unit))) return 'container';
  const sources = failingHere.flatMap((r) =>
    r.failures.filter((f) => f.check === check).flatMap((f) => f.matches.map((m) => m.source)),
  );
  if (sources.includes('container')) return 'container';
  return failingHere.length >= 2 || sources.includes('pod') ? 'pod' : 'container';
}

function targetLevel(check: Check, m: FailedMatch, rem: Remediation, auto: Map<Check, Level>): Level {
  const level = check.fix.level === 'auto' ? (auto.get(check) ?? 'container') : (check.fix.level ?? rem.scope);
  // A container-level value overrides the pod: only a container-level write changes it.
  return m.source === 'container' ? 'container' : level;
}

function violation(
  rem: Remediation,
  workload: Workload,
  container: ContainerRef | null,
  reasons: FailureReason[],
  message: string,
  ops: Operation[],
  skip?: Skip,
): Violation {
  const v: Violation = {
    remediation: rem.id,
    workload,
    container,
    reason: reasons.includes('insecure-value') ? 'insecure-value' : 'unset',
    message,
    ops,
    sources: [],
  };
  if (skip !== undefined) v.skip = skip;
  if (rem.behaviour_change) v.behaviourChange = true;
  return v;
}

/** One unit's failures after the guards: violations held back, and the fixes left with their values. */
interface Guarded {
  unit: Unit;
  skips: Violation[];
  planned: Planned[];
  evidence: string[];
}

function skipViolation(ctx: GuardContext, unit: Unit, failures: CheckFailure[], skip: Skip): Violation {
  const message = `${describe(unit)}: ${failures.flatMap((f) => f.matches.map((m) => note(f.check, m))).join('; ')}`;
  return violation(
    ctx.rem,
    ctx.workload,
    unit.container,
    failures.flatMap((f) => f.matches.map((m) => m.reason)),
    message,
    [],
    skip,
  );
}

/** Runs the guards on one unit: a whole-unit skip, then each check failure, then the image guards. */
function guardUnit(ctx: GuardContext, r: UnitResult): Guarded {
  const whole = unitSkip(ctx, r);
  if (whole) return { unit: r.unit, skips: [skipViolation(ctx, r.unit, r.failures, whole)], planned: [], evidence: [] };
  const skips: Violation[] = [];
  const planned: Planned[] = [];
  for (const f of r.failures) {
    const verdict = failureVerdict(ctx, r.unit, f);
    if ('skip' in verdict) skips.push(skipViolation(ctx, r.unit, [f], verdict.skip));
    else planned.push(verdict);
  }
  if (!planned.length) return { unit: r.unit, skips, planned, evidence: [] };
  const image = imageVerdict(ctx, r.unit);
  if ('skip' in image)
    return {
      unit: r.unit,
      skips: [
        ...skips,
        skipViolation(
          ctx,
          r.unit,
          planned.map((p) => p.failure),
          image.skip,
        ),
      ],
      planned: [],
      evidence: [],
    };
  return {
    unit: r.unit,
    skips,
    planned,
    evidence: [...image.evidence, ...planned.flatMap((p) => (p.evidence ? [p.evidence] : []))],
  };
}

/** Adds each planned fix to the group of the unit (container level) or of the pod. */
function addToGroups(ctx: GuardContext, auto: Map<Check, Level>, groups: Map<string, Group>, g: Guarded): void {
  for (const p of g.planned) {
    for (const m of p.failure.matches) {
      const level = targetLevel(p.failure.check, m, ctx.rem, auto);
      const target = level === 'pod' ? ctx.pod : g.unit;
      const key = level === 'pod' ? 'pod' : target.pointer;
      const group = groups.get(key) ?? {
        target,
        sets: [],
        ops: [],
        reasons: [],
        notes: [],
        containers: [],
        evidence: [],
        explicit: [],
      };
      groups.set(key, group);
      addFix(group, p.failure.check, m, g.unit, p.value, ctx.options, ctx.pod);
      group.reasons.push(m.reason);
      group.notes.push(`${describe(g.unit)}: ${note(p.failure.check, m)}`);
      if (g.unit.container && !group.containers.includes(g.unit.container)) group.containers.push(g.unit.container);
    }
  }
  const key = (level: Level): string => (level === 'pod' ? 'pod' : g.unit.pointer);
  for (const p of g.planned) {
    const level = p.failure.matches.map((m) => targetLevel(p.failure.check, m, ctx.rem, auto))[0] ?? 'container';
    if (p.explicit !== undefined) groups.get(key(level))?.explicit.push(p.explicit);
  }
  for (const level of new Set(
    g.planned.flatMap((p) => p.failure.matches.map((m) => targetLevel(p.failure.check, m, ctx.rem, auto))),
  )) {
    const group = groups.get(key(level));
    const prefix = g.unit.container && level === 'pod' ? `${g.unit.container.name}: ` : '';
    group?.evidence.push(...g.evidence.map((e) => prefix + e));
  }
}

/** One violation per group: sets planned together (shared missing parents merge), then the other ops. */
function groupViolation(ctx: GuardContext, g: Group): Violation {
  const unique = new Map(g.sets.map((s) => [s.tokens.join('\u0000'), s]));
  const ops = [...planSets(g.target.value, g.target.pointer, [...unique.values()]), ...g.ops];
  const notes = [...new Set(g.notes)].join('; ');
  const message =
    g.target.level === 'pod' && g.containers.length > 0
      ? `fixed at pod level for ${g.containers.length} container(s): ${notes}`
      : notes;
  const v = violation(ctx.rem, ctx.workload, g.target.container, g.reasons, message, ops);
  if (g.evidence.length) v.evidence = [...new Set(g.evidence)];
  if (g.explicit.length) v.explicit = g.explicit;
  return v;
}

/** What planViolations needs besides the remediation, the workload and the evaluation. */
export interface PlanContext {
  pod: Unit;
  options: Options;
  config: Config;
  images: ImageKnowledge;
  exemption: string | undefined;
}

/** Violations for every failing unit of one remediation on one workload. */
export function planViolations(
  rem: Remediation,
  workload: Workload,
  results: UnitResult[],
  plan: PlanContext,
): Violation[] {
  const ctx: GuardContext = { rem, workload, ...plan };
  const guarded = results.filter((x) => x.failures.length > 0).map((r) => guardUnit(ctx, r));
  const held = new Set(
    guarded
      .filter((g) => g.skips.some((s) => s.skip?.code !== 'explicit-value' && s.skip?.code !== 'report-only'))
      .map((g) => g.unit),
  );
  const auto = new Map<Check, Level>(
    rem.checks.filter((c) => c.fix.level === 'auto').map((c) => [c, autoLevel(c, results, held)]),
  );
  const groups = new Map<string, Group>();
  for (const g of guarded) addToGroups(ctx, auto, groups, g);
  return [...guarded.flatMap((g) => g.skips), ...[...groups.values()].map((g) => groupViolation(ctx, g))];
}
