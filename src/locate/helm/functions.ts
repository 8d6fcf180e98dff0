/**
 * The template functions charts call: Go's builtins (https://pkg.go.dev/text/template#hdr-Functions),
 * the sprig functions Helm adds (https://masterminds.github.io/sprig/) and Helm's own (`include`, `tpl`,
 * `toYaml`, `required`, `lookup`; https://helm.sh/docs/chart_template_guide/function_list/). A function
 * that keeps a value (`default`, `quote`, `toYaml`, `nindent`, `ternary`, `dict`, `omit`, `merge`) keeps
 * where it came from, so the rendered field still names its `.Values` key. Anything else throws
 * `helm-unsupported`: a finding on it is "not verifiable", never a guess.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { HelmTemplateError } from './errors.js';
import { type CallContext, type Traced, isObj, originOf, printValue, truthy } from './traced.js';
import { goYaml } from './go-yaml.js';
import { indentSegments, joinSegments, trimSegments } from './segments.js';
import { parseTemplate } from './template-parse.js';

type Fn = (args: Traced[], cc: CallContext) => Traced;

const v = (value: unknown): Traced => ({ value });
const str = (t: Traced | undefined): string => printValue(t?.value);
const num = (t: Traced | undefined): number => Number(t?.value ?? 0);
/** The text of a string argument with its segments, or one segment for a plain value. */
const segsOf = (t: Traced, cc: CallContext) =>
  t.segs ?? [{ text: str(t), at: cc.ctx.at, ...(t.from ? { from: t.from } : {}) }];
const keep = (t: Traced, value: unknown): Traced => (t.from ? { value, from: t.from } : { value });

function unsupported(name: string, why: string): Fn {
  return (_a, cc) => {
    throw new HelmTemplateError('helm-unsupported', `${cc.ctx.at.file}:${cc.ctx.at.line}: ${name} ${why}`);
  };
}

function dict(args: Traced[], cc: CallContext): Traced {
  const out: Record<string, unknown> = {};
  const keys = new Map<string, string[]>();
  for (let i = 0; i + 1 < args.length; i += 2) {
    const k = str(args[i]);
    const a = args[i + 1] as Traced;
    out[k] = a.value;
    if (a.from) keys.set(k, a.from);
  }
  cc.ctx.origins.set(out, { keys });
  return v(out);
}

/** A copy of `obj` with some keys, each keeping its origin. */
function subset(obj: unknown, keep: (k: string) => boolean, cc: CallContext): Traced {
  const out: Record<string, unknown> = {};
  const keys = new Map<string, string[]>();
  if (isObj(obj))
    for (const [k, x] of Object.entries(obj)) {
      if (!keep(k)) continue;
      out[k] = x;
      const from = originOf(cc.ctx, obj, k);
      if (from) keys.set(k, from);
    }
  // A key the copy lacks is still the source's: `omit $ctx "enabled"` gains a field where $ctx would.
  const base = isObj(obj) ? cc.ctx.origins.get(obj)?.base : undefined;
  cc.ctx.origins.set(out, { keys, ...(base ? { base } : {}) });
  return v(out);
}

/** sprig merge/mergeOverwrite (mergo): fills (or overwrites) `dst` from each source, deeply; `dst` is changed. */
function mergeInto(dst: Record<string, unknown>, src: unknown, overwrite: boolean, cc: CallContext): void {
  if (!isObj(src)) return;
  const o = cc.ctx.origins.get(dst) ?? {};
  const keys = o.keys ?? new Map<string, string[]>();
  for (const [k, x] of Object.entries(src)) {
    const cur = dst[k];
    if (isObj(cur) && isObj(x)) mergeInto(cur, x, overwrite, cc);
    else if (
      cur === undefined ||
      (overwrite && x !== undefined && !(cur !== undefined && !truthy(x) && typeof x === 'object'))
    ) {
      dst[k] = x;
      const from = originOf(cc.ctx, src, k);
      if (from) keys.set(k, from);
    }
  }
  cc.ctx.origins.set(dst, { ...o, keys });
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function printf(args: Traced[]): string {
  const [fmt, ...rest] = args.map((a) => a.value);
  let i = 0;
  return String(fmt).replace(/%([-+ 0#]*\d*(?:\.\d+)?)([svdqtfx%])/g, (_m, flags: string, verb: string) => {
    if (verb === '%') return '%';
    const x = rest[i++];
    if (verb === 'q') return JSON.stringify(printValue(x));
    if (verb === 'd') return String(Math.trunc(Number(x)));
    if (verb === 'f') return Number(x).toFixed(/\.(\d+)/.exec(flags)?.[1] ? Number(/\.(\d+)/.exec(flags)?.[1]) : 6);
    if (verb === 'x') return Number(x).toString(16);
    return printValue(x);
  });
}

/** Enough of Masterminds/semver constraints for the Kubernetes version checks charts make. */
function semverCompare(constraint: string, version: string): boolean {
  const parse = (s: string) =>
    s
      .replace(/^v/, '')
      .split(/[-+]/)[0]
      ?.split('.')
      .map((x) => Number(x) || 0) ?? [];
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  return constraint.split('||').some((alt) =>
    alt
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .every((c) => {
        const m = /^(>=|<=|!=|>|<|=|~|\^)?\s*(.+)$/.exec(c);
        const d = cmp(parse(version), parse(m?.[2] ?? ''));
        switch (m?.[1]) {
          case '>=':
            return d >= 0;
          case '<=':
            return d <= 0;
          case '>':
            return d > 0;
          case '<':
            return d < 0;
          case '!=':
            return d !== 0;
          default:
            return d === 0;
        }
      }),
  );
}

function typeName(x: unknown): string {
  if (x === null || x === undefined) return '<nil>';
  if (typeof x === 'string') return 'string';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float64';
  if (Array.isArray(x)) return '[]interface {}';
  return 'map[string]interface {}';
}

function kindName(x: unknown): string {
  const t = typeName(x);
  return t === '[]interface {}'
    ? 'slice'
    : t.startsWith('map')
      ? 'map'
      : t === '<nil>'
        ? 'invalid'
        : t === 'int'
          ? 'int'
          : t;
}

const FUNCTIONS: Record<string, Fn> = {
  include: ([name, dot], cc) => {
    const segs = cc.include(str(name), dot ?? v(undefined));
    return { value: joinSegments(segs), segs };
  },
  tpl: ([tpl, dot], cc) => {
    const text = str(tpl);
    if (!text.includes('{{')) return keep(tpl as Traced, text);
    const parsed = parseTemplate(text, `${cc.ctx.at.file}:${cc.ctx.at.line} (tpl)`);
    for (const [k, body] of parsed.defines) cc.ctx.defines.set(k, body);
    const segs = cc
      .render(parsed.nodes, dot ?? v(undefined))
      .map((s) => ({ ...s, opaque: 'tpl renders a value as a template' }));
    return { value: joinSegments(segs), segs };
  },
  toYaml: ([x], cc) => {
    const text = goYaml(x?.value);
    return { value: text, segs: [{ text, at: cc.ctx.at, yamlOf: x?.value, ...(x?.from ? { from: x.from } : {}) }] };
  },
  nindent: ([n, s], cc) => ({ value: '', segs: indentSegments(segsOf(s as Traced, cc), num(n), true) }),
  indent: ([n, s], cc) => ({ value: '', segs: indentSegments(segsOf(s as Traced, cc), num(n), false) }),
  trim: ([s], cc) => ({ value: '', segs: trimSegments(segsOf(s as Traced, cc), true, true) }),
  default: (args) => {
    const given = args.length > 1 ? (args.at(-1) as Traced) : v(undefined);
    const fallback = args[0] as Traced;
    if (truthy(given.value)) return given;
    return given.from ? { ...fallback, from: given.from, segs: undefined } : fallback;
  },
  required: ([msg, x], cc) => {
    if (x === undefined || x.value === undefined || x.value === null || x.value === '')
      throw new HelmTemplateError('helm-template-error', `${cc.ctx.at.file}:${cc.ctx.at.line}: ${str(msg)}`);
    return x;
  },
  fail: ([msg], cc) => {
    throw new HelmTemplateError('helm-template-error', `${cc.ctx.at.file}:${cc.ctx.at.line}: ${str(msg)}`);
  },
  quote: (args) =>
    keep(
      args.at(-1) ?? v(undefined),
      args
        .filter((a) => a.value !== undefined && a.value !== null)
        .map((a) => JSON.stringify(str(a)))
        .join(' '),
    ),
  squote: (args) =>
    keep(
      args.at(-1) ?? v(undefined),
      args
        .filter((a) => a.value !== undefined && a.value !== null)
        .map((a) => `'${str(a)}'`)
        .join(' '),
    ),
  toString: ([x]: Traced[]) => keep(x as Traced, str(x)),
  int: ([x]) => keep(x as Traced, Math.trunc(Number(x?.value ?? 0)) || 0),
  int64: ([x]) => keep(x as Traced, Math.trunc(Number(x?.value ?? 0)) || 0),
  float64: ([x]) => keep(x as Traced, Number(x?.value ?? 0)),
  atoi: ([x]) => v(Number.parseInt(str(x), 10) || 0),
  ternary: ([a, b, c]) => (truthy(c?.value) ? (a as Traced) : (b as Traced)),
  coalesce: (args) => args.find((a) => truthy(a.value)) ?? v(undefined),
  empty: ([x]) => v(!truthy(x?.value)),
  not: ([x]) => v(!truthy(x?.value)),
  eq: ([a, ...bs]) => v(bs.some((b) => a?.value === b.value || (a?.value == null && b.value == null))),
  ne: ([a, b]) => v(a?.value !== b?.value),
  lt: ([a, b]) => v(compare(a?.value, b?.value) < 0),
  le: ([a, b]) => v(compare(a?.value, b?.value) <= 0),
  gt: ([a, b]) => v(compare(a?.value, b?.value) > 0),
  ge: ([a, b]) => v(compare(a?.value, b?.value) >= 0),
  len: ([x]) =>
    v(Array.isArray(x?.value) ? x.value.length : isObj(x?.value) ? Object.keys(x.value).length : str(x).length),
  index: ([x, ...keys], cc) => {
    let cur: Traced = x ?? v(undefined);
    for (const k of keys) {
      const c = cur.value as Record<string, unknown> | undefined;
      const key = str(k);
      const from = originOf(cc.ctx, c, key) ?? (cur.from ? [...cur.from, key] : undefined);
      cur = { value: c === undefined || c === null ? undefined : c[key], ...(from ? { from } : {}) };
    }
    return cur;
  },
  print: (args) =>
    v(
      args
        .map(
          (a, i) =>
            (i > 0 && typeof a.value !== 'string' && typeof args[i - 1]?.value !== 'string' ? ' ' : '') + str(a),
        )
        .join(''),
    ),
  println: (args) => v(`${args.map(str).join(' ')}\n`),
  printf: (args) => v(printf(args)),
  dict,
  list: (args) => v(args.map((a) => a.value)),
  tuple: (args) => v(args.map((a) => a.value)),
  omit: ([obj, ...ks], cc) => subset(obj?.value, (k) => !ks.some((x) => str(x) === k), cc),
  pick: ([obj, ...ks], cc) => subset(obj?.value, (k) => ks.some((x) => str(x) === k), cc),
  merge: ([dst, ...srcs], cc) => {
    for (const s of srcs) mergeInto(dst?.value as Record<string, unknown>, s.value, false, cc);
    return dst as Traced;
  },
  mergeOverwrite: ([dst, ...srcs], cc) => {
    for (const s of srcs) mergeInto(dst?.value as Record<string, unknown>, s.value, true, cc);
    return dst as Traced;
  },
  deepCopy: ([x]) => v(structuredClone(x?.value)),
  hasKey: ([d, k]) => v(isObj(d?.value) && Object.prototype.hasOwnProperty.call(d.value, str(k))),
  get: ([d, k], cc) => {
    const from = originOf(cc.ctx, d?.value, str(k));
    const value = isObj(d?.value) ? (d.value[str(k)] ?? '') : '';
    return from ? { value, from } : v(value);
  },
  set: ([d, k, x]) => {
    if (isObj(d?.value)) d.value[str(k)] = x?.value;
    return d as Traced;
  },
  unset: ([d, k]) => {
    if (isObj(d?.value)) delete d.value[str(k)];
    return d as Traced;
  },
  keys: (args) => v(args.flatMap((a) => (isObj(a.value) ? Object.keys(a.value) : []))),
  values: ([d]) => v(isObj(d?.value) ? Object.values(d.value) : []),
  sortAlpha: ([l]) => v(Array.isArray(l?.value) ? [...l.value].map(printValue).sort() : []),
  has: ([x, l]) => v(Array.isArray(l?.value) && l.value.includes(x?.value)),
  append: ([l, x]) => v([...(Array.isArray(l?.value) ? l.value : []), x?.value]),
  concat: (args) => v(args.flatMap((a) => (Array.isArray(a.value) ? a.value : []))),
  uniq: ([l]) => v([...new Set(Array.isArray(l?.value) ? l.value : [])]),
  first: ([l]) => v(Array.isArray(l?.value) ? l.value[0] : undefined),
  last: ([l]) => v(Array.isArray(l?.value) ? l.value.at(-1) : undefined),
  without: ([l, ...xs]) => v(Array.isArray(l?.value) ? l.value.filter((y) => !xs.some((x) => x.value === y)) : []),
  join: ([sep, l]) => v(Array.isArray(l?.value) ? l.value.map(printValue).join(str(sep)) : str(l)),
  split: ([sep, s]) =>
    v(
      Object.fromEntries(
        str(s)
          .split(str(sep))
          .map((x, i) => [`_${i}`, x]),
      ),
    ),
  splitList: ([sep, s]) => v(str(s).split(str(sep))),
  trunc: ([n, s]) => v(num(n) >= 0 ? str(s).slice(0, num(n)) : str(s).slice(num(n))),
  trimSuffix: ([suf, s]) =>
    keep(s as Traced, str(s).endsWith(str(suf)) && str(suf) ? str(s).slice(0, -str(suf).length) : str(s)),
  trimPrefix: ([pre, s]) => keep(s as Traced, str(s).startsWith(str(pre)) ? str(s).slice(str(pre).length) : str(s)),
  trimAll: ([cut, s]) =>
    v(
      str(s).replace(
        new RegExp(`^[${str(cut).replace(/[\]\\^-]/g, '\\$&')}]+|[${str(cut).replace(/[\]\\^-]/g, '\\$&')}]+$`, 'g'),
        '',
      ),
    ),
  upper: ([s]) => v(str(s).toUpperCase()),
  lower: ([s]) => v(str(s).toLowerCase()),
  title: ([s]) => v(str(s).replace(/\b\w/g, (c) => c.toUpperCase())),
  replace: ([a, b, s]) => v(str(s).split(str(a)).join(str(b))),
  contains: ([sub, s]) => v(str(s).includes(str(sub))),
  hasPrefix: ([p, s]) => v(str(s).startsWith(str(p))),
  hasSuffix: ([p, s]) => v(str(s).endsWith(str(p))),
  substr: ([a, b, s]) => v(str(s).slice(num(a), num(b) < 0 ? undefined : num(b))),
  repeat: ([n, s], cc) => {
    if (num(n) * str(s).length > 1_000_000)
      throw new HelmTemplateError(
        'helm-template-error',
        `${cc.ctx.at.file}:${cc.ctx.at.line}: repeat is over kubemend's limit`,
      );
    return v(str(s).repeat(Math.max(0, num(n))));
  },
  nospace: ([s]) => v(str(s).replace(/\s/g, '')),
  cat: (args) =>
    v(
      args
        .filter((a) => a.value !== undefined && a.value !== null)
        .map(str)
        .join(' '),
    ),
  regexMatch: ([re, s]) => v(new RegExp(str(re)).test(str(s))),
  regexFind: ([re, s]) => v(new RegExp(str(re)).exec(str(s))?.[0] ?? ''),
  regexReplaceAll: ([re, s, r]) =>
    v(str(s).replace(new RegExp(str(re), 'g'), str(r).replace(/\$\{?(\d+)\}?/g, '$$$1'))),
  toJson: ([x]) => v(JSON.stringify(x?.value ?? null)),
  mustToJson: ([x]) => v(JSON.stringify(x?.value ?? null)),
  toPrettyJson: ([x]) => v(JSON.stringify(x?.value ?? null, null, 2)),
  fromYaml: ([s]) => v(parseYaml(str(s)) ?? {}),
  fromYamlArray: ([s]) => v(parseYaml(str(s)) ?? []),
  fromJson: ([s]) => v(JSON.parse(str(s) || 'null') ?? {}),
  b64enc: ([s]) => v(Buffer.from(str(s)).toString('base64')),
  b64dec: ([s]) => v(Buffer.from(str(s), 'base64').toString('utf8')),
  sha256sum: ([s]) => v(createHash('sha256').update(str(s)).digest('hex')),
  sha1sum: ([s]) => v(createHash('sha1').update(str(s)).digest('hex')),
  typeOf: ([x]) => v(typeName(x?.value)),
  typeIs: ([t, x]) => v(typeName(x?.value) === str(t)),
  kindOf: ([x]) => v(kindName(x?.value)),
  kindIs: ([k, x]) => v(kindName(x?.value) === str(k)),
  semverCompare: ([c, ver]) => v(semverCompare(str(c), str(ver))),
  add: (args) => v(args.reduce((n, a) => n + num(a), 0)),
  add1: ([x]) => v(num(x) + 1),
  sub: ([a, b]) => v(num(a) - num(b)),
  mul: (args) => v(args.reduce((n, a) => n * num(a), 1)),
  div: ([a, b]) => v(Math.trunc(num(a) / num(b))),
  mod: ([a, b]) => v(num(a) % num(b)),
  max: (args) => v(Math.max(...args.map(num))),
  min: (args) => v(Math.min(...args.map(num))),
  until: ([n], cc) => {
    if (num(n) > 100_000)
      throw new HelmTemplateError(
        'helm-template-error',
        `${cc.ctx.at.file}:${cc.ctx.at.line}: until ${num(n)} is over kubemend's limit`,
      );
    return v(Array.from({ length: Math.max(0, num(n)) }, (_x, i) => i));
  },
  lookup: (_a, cc) => {
    // `helm template` renders lookup as an empty map (no cluster): so does kubemend.
    const out = {};
    cc.ctx.origins.set(out, {});
    return v(out);
  },
  randAlpha: unsupported('randAlpha', 'is random: not verifiable'),
  randAlphaNum: unsupported('randAlphaNum', 'is random: not verifiable'),
  randNumeric: unsupported('randNumeric', 'is random: not verifiable'),
  randAscii: unsupported('randAscii', 'is random: not verifiable'),
  shuffle: unsupported('shuffle', 'is random: not verifiable'),
  now: unsupported('now', 'reads the clock: not verifiable'),
  genCA: unsupported('genCA', 'generates keys: not verifiable'),
  genSelfSignedCert: unsupported('genSelfSignedCert', 'generates keys: not verifiable'),
};

/** Calls a template function by name. */
export function callFunction(name: string, args: Traced[], cc: CallContext): Traced {
  const fn = FUNCTIONS[name];
  if (!fn)
    throw new HelmTemplateError(
      'helm-unsupported',
      `${cc.ctx.at.file}:${cc.ctx.at.line}: function ${name} is not evaluated by kubemend`,
    );
  return fn(args, cc);
}
