/**
 * Field paths of the catalog vocabulary (`securityContext.runAsNonRoot`, `ports[*].hostPort`) resolved
 * against a container or PodSpec value, and the RFC 6902 ops that set several fields at once.
 */
import type { Operation } from '../model.js';
import { escapePointerToken, isObject } from '../locate/workloads.js';

export type Token = string | number;

/** A resolved field: where it is (tokens below the base) and what it holds (undefined when unset). */
export interface FieldMatch {
  tokens: Token[];
  value: unknown;
}

/** A path's segments: the key, and whether `[*]` fans out over the list it names. */
type Segment = { key: string; wild: boolean };

/** Segments by path: the catalog has a few dozen paths, resolved on every container of every workload. */
const SEGMENTS = new Map<string, Segment[]>();

function segmentsOf(path: string): Segment[] {
  let segments = SEGMENTS.get(path);
  if (!segments) {
    segments = path
      .split('.')
      .map((s) => (s.endsWith('[*]') ? { key: s.slice(0, -3), wild: true } : { key: s, wild: false }));
    SEGMENTS.set(path, segments);
  }
  return segments;
}

/** Every match of a dotted path; `[*]` fans out over the list's items (none when the list is missing). */
export function resolveField(base: unknown, path: string): FieldMatch[] {
  let matches: FieldMatch[] = [{ tokens: [], value: base }];
  for (const { key, wild } of segmentsOf(path)) {
    const next: FieldMatch[] = [];
    for (const m of matches) {
      const value = isObject(m.value) ? m.value[key] : undefined;
      const tokens = [...m.tokens, key];
      if (!wild) next.push({ tokens, value });
      else if (Array.isArray(value)) value.forEach((item, i) => next.push({ tokens: [...tokens, i], value: item }));
    }
    matches = next;
  }
  return matches;
}

/** The value at a path without wildcards. */
export function fieldValue(base: unknown, path: string): unknown {
  return resolveField(base, path)[0]?.value;
}

export function pointerOf(basePointer: string, tokens: Token[]): string {
  return basePointer + tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

/** A field to set below a base value: tokens and the new value. */
export interface FieldSet {
  tokens: string[];
  value: unknown;
}

/**
 * Plans the ops that set every field, valid against `base` as it is: an existing field is replaced, a
 * missing one is added at its first missing parent with the rest nested in the value (RFC 6902 `add`
 * needs an existing parent), and sets sharing a missing parent become one `add` of a merged object.
 * A `null` member (`securityContext:` with nothing after it) is `replace`d with the nested value, so
 * `add` only ever targets a member that is absent.
 */
export function planSets(base: unknown, basePointer: string, sets: FieldSet[]): Operation[] {
  const adds = new Map<string, { value: unknown; exists: boolean }>();
  const ops: Operation[] = [];
  for (const set of sets) {
    let cur: unknown = base;
    let depth = 0;
    while (depth < set.tokens.length - 1 && isObject(cur) && isObject(cur[set.tokens[depth] as string])) {
      cur = (cur as Record<string, unknown>)[set.tokens[depth] as string];
      depth += 1;
    }
    const key = set.tokens[depth] as string;
    const path = pointerOf(basePointer, set.tokens.slice(0, depth + 1));
    if (depth === set.tokens.length - 1 && isObject(cur) && cur[key] !== undefined && cur[key] !== null) {
      ops.push({ op: 'replace', path, value: set.value });
      continue;
    }
    const nested = set.tokens.slice(depth + 1).reduceRight<unknown>((acc, t) => ({ [t]: acc }), set.value);
    const prior = adds.get(path);
    const exists = isObject(cur) && key in cur;
    adds.set(path, { value: prior ? deepMerge(prior.value, nested) : nested, exists });
  }
  for (const [path, { value, exists }] of adds) ops.push({ op: exists ? 'replace' : 'add', path, value });
  return ops;
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (!isObject(a) || !isObject(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}
