/**
 * Evaluates one remediation's checks and conflicts on one unit (a container, or the pod): which fields
 * fail, why, where the failing value comes from (container overrides pod), and whether a conflict makes
 * the automatic fix unsafe.
 */
import type { ContainerRef, FailureReason } from '../model.js';
import { type FieldMatch, resolveField } from './fields.js';
import { matches, type Options } from './predicates.js';
import type { Check, Conflict, Level, Remediation } from './schema.js';

/** A container or the pod, with its value and JSON pointer inside the document. */
export interface Unit {
  level: Level;
  container: ContainerRef | null;
  value: unknown;
  pointer: string;
}

/** Where a failing value was read: a level, or nowhere (unset everywhere). */
export type Source = Level | 'unset';

export interface FailedMatch extends FieldMatch {
  source: Source;
  reason: FailureReason;
}

export interface CheckFailure {
  check: Check;
  matches: FailedMatch[];
}

export interface UnitResult {
  unit: Unit;
  failures: CheckFailure[];
  conflict?: string;
}

function readLevels(effective: Level[] | undefined, unit: Unit): Level[] {
  return effective ?? [unit.level];
}

/** The matches of a field through the effective levels: the first level that sets it wins. */
function effectiveMatches(
  field: string,
  levels: Level[],
  unit: Unit,
  pod: Unit,
): Array<FieldMatch & { source: Source }> {
  const bases = levels.map((l) => ({ level: l, value: l === 'container' ? unit.value : pod.value }));
  for (const base of bases) {
    if (base.level === 'container' && unit.level !== 'container') continue;
    const found = resolveField(base.value, field);
    const set = found.filter((m) => m.value !== undefined && m.value !== null);
    if (set.length > 0) return set.map((m) => ({ ...m, source: base.level }));
  }
  // Unset everywhere: a wildcard path has nothing to report, a plain path is one unset match.
  if (field.includes('[*]')) return [];
  return [{ tokens: resolveField(undefined, field)[0]?.tokens ?? [], value: undefined, source: 'unset' }];
}

function failing(check: Check, unit: Unit, pod: Unit, options: Options): FailedMatch[] {
  const out: FailedMatch[] = [];
  for (const m of effectiveMatches(check.field, readLevels(check.effective, unit), unit, pod)) {
    if (m.value === undefined) {
      if (check.unset === 'fails') out.push({ ...m, reason: 'unset' });
    } else if (matches(check.fails_when, m.value, options)) {
      out.push({ ...m, reason: 'insecure-value' });
    }
  }
  return out;
}

function conflictOf(conflicts: Conflict[], unit: Unit, pod: Unit, options: Options): string | undefined {
  for (const c of conflicts) {
    if (c.unless_option && options[c.unless_option] === true) continue;
    const found = effectiveMatches(c.field, readLevels(c.effective, unit), unit, pod);
    const hit = found.find((m) => m.value !== undefined && matches(c.when, m.value, options));
    if (hit) return `${c.reason} (${hit.source}-level ${c.field}: ${JSON.stringify(hit.value)})`;
  }
  return undefined;
}

/** Every failing check of the remediation on one unit, and the first conflict, if any. */
export function evaluateUnit(rem: Remediation, unit: Unit, pod: Unit, options: Options): UnitResult {
  const failures = rem.checks.flatMap((check) => {
    const failed = failing(check, unit, pod, options);
    return failed.length > 0 ? [{ check, matches: failed }] : [];
  });
  const conflict = failures.length > 0 ? conflictOf(rem.conflicts, unit, pod, options) : undefined;
  return conflict === undefined ? { unit, failures } : { unit, failures, conflict };
}
