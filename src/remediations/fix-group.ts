/**
 * The fixes written at one place (a container, or the pod): field sets planned together, plus removals
 * and list appends, from each failing match's `fix` (set, append, remove, remove_items).
 */
import type { ContainerRef, FailureReason, Operation, Workload } from '../model.js';
import type { FailedMatch, Unit } from './evaluate.js';
import { type FieldSet, fieldValue, pointerOf } from './fields.js';
import { listOf, matches, type Options } from './predicates.js';
import type { Check } from './schema.js';
import { chooseQuantity } from './strategies.js';

/** Everything one violation will write at its target. */
export interface Group {
  target: Unit;
  sets: FieldSet[];
  ops: Operation[];
  reasons: FailureReason[];
  notes: string[];
  containers: ContainerRef[];
  evidence: string[];
  /** Pointers of explicit values the group changes (opted in). */
  explicit: string[];
}

/** The value a `set` fix writes on one unit, how it was derived, or why there is none (never invented). */
export function valueOf(
  check: Check,
  unit: Unit,
  workload: Workload,
  options: Options,
  remediation: string,
): { value: unknown; evidence?: string } | { hold: string } {
  const fix = check.fix;
  if (fix.value_strategy)
    return chooseQuantity(fix.value_strategy, options, unit.value, workload, remediation, check.field);
  if (fix.value && typeof fix.value === 'object' && 'option' in fix.value && !Array.isArray(fix.value))
    return { value: options[fix.value.option as string] };
  return { value: fix.value };
}

/** Adds the ops (or field sets) that fix one failing match to the group; `value` is a set fix's value. */
export function addFix(
  group: Group,
  check: Check,
  m: FailedMatch,
  unit: Unit,
  value: unknown,
  options: Options,
  pod: Unit,
): void {
  const fix = check.fix;
  const tokens = m.tokens.map(String);
  const base = group.target;
  if (fix.action === 'set') {
    group.sets.push({ tokens, value });
    for (const [field, ref] of Object.entries(fix.also_set ?? {})) {
      const extra = options[ref.option];
      const levels = base.level === 'pod' ? [pod.value] : [unit.value, pod.value];
      if (extra === undefined || extra === null || levels.some((v) => fieldValue(v, field) !== undefined)) continue;
      group.sets.push({ tokens: field.split('.'), value: extra });
    }
  } else if (fix.action === 'append') {
    const list = fieldValue(base.value, check.field);
    if (Array.isArray(list))
      group.ops.push({ op: 'add', path: `${pointerOf(base.pointer, tokens)}/-`, value: fix.value });
    else group.sets.push({ tokens, value: [fix.value] });
  } else if (fix.action === 'remove') {
    group.ops.push({ op: 'remove', path: pointerOf(base.pointer, m.tokens) });
  } else if (fix.action === 'remove_items' && Array.isArray(m.value)) {
    const match = fix.match;
    const hit = (item: unknown): boolean =>
      match !== undefined &&
      (Array.isArray(match) || 'option' in match
        ? matches({ in: listOf(match, options) as never, normalise: check.fails_when.normalise }, item, options)
        : matches(match, item, options));
    const indices = m.value.flatMap((item, i) => (hit(item) ? [i] : [])).reverse();
    // A list left empty is removed whole: `add: []` would be a needless restyle of the author's list.
    if (indices.length > 0 && indices.length === m.value.length)
      group.ops.push({ op: 'remove', path: pointerOf(base.pointer, m.tokens) });
    // Descending indices keep each remove valid after the previous ones.
    else for (const i of indices) group.ops.push({ op: 'remove', path: pointerOf(base.pointer, [...m.tokens, i]) });
  }
}
