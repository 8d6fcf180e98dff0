/**
 * The values the evaluator passes around and how they are traced: a value with the `.Values` path it was
 * read from, the origins of objects (a values subtree, or one path per key for `dict`/`omit`/`merge`
 * results), Go's truth and printing. Shared by the evaluator and the functions it calls, so neither imports
 * the other's module back.
 */
import type { Segment, ValuesPath } from './segments.js';
import type { Node, Where } from './template-parse.js';

/** A value with where it was read from in `.Values`, and the traced text when it is rendered output. */
export interface Traced {
  value: unknown;
  from?: ValuesPath;
  segs?: Segment[];
}

/** Where the parts of an object came from: a base path (a values subtree) or one path per key. */
export interface Origin {
  base?: ValuesPath;
  keys?: Map<string, ValuesPath>;
}

export interface EvalContext {
  defines: Map<string, Node[]>;
  origins: WeakMap<object, Origin>;
  /** The action being evaluated, for segments that functions make. */
  at: Where;
  depth: number;
  /** Nodes evaluated and characters output so far: a hostile chart (a huge `range`) hits a limit, not the memory. */
  steps?: number;
  size?: number;
}

/** What a template function may call back into: helpers by name, nodes with a new dot (for `tpl`). */
export interface CallContext {
  ctx: EvalContext;
  include: (name: string, dot: Traced) => Segment[];
  render: (nodes: Node[], dot: Traced) => Segment[];
}

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return true;
}

/** Records every object of a values tree as read from `base`. */
export function registerTree(ctx: Pick<EvalContext, 'origins'>, value: unknown, base: ValuesPath): void {
  if (typeof value !== 'object' || value === null) return;
  ctx.origins.set(value, { base });
  if (Array.isArray(value)) value.forEach((x, i) => registerTree(ctx, x, [...base, String(i)]));
  else for (const [k, x] of Object.entries(value)) registerTree(ctx, x, [...base, k]);
}

export function originOf(ctx: Pick<EvalContext, 'origins'>, obj: unknown, key: string): ValuesPath | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const o = ctx.origins.get(obj);
  return o?.keys?.get(key) ?? (o?.base ? [...o.base, key] : undefined);
}

/** Go's %v for what an action prints; Helm turns `<no value>` into nothing. */
export function printValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return goNumber(v);
  if (Array.isArray(v)) return `[${v.map(printValue).join(' ')}]`;
  if (isObj(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${printValue(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

/** Values are float64 in Helm (YAML through JSON): %v prints 1e+06 for a million. */
function goNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}
