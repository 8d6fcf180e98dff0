import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';
import { jsonClone } from '../../src/patch/verify.js';
import { checkLimits, parseYamlFile, YAML_LIMITS } from '../../src/yaml.js';

/** What expectedValue cloned with before: fast-json-patch's deepClone, i.e. JSON.parse(JSON.stringify(v)) for objects. */
function reference(v: unknown): { value: unknown } | { error: string } {
  try {
    return { value: jsonpatch.deepClone(v) as unknown };
  } catch (err) {
    return { error: (err as Error).name };
  }
}

function ours(v: unknown): { value: unknown } | { error: string } {
  try {
    return { value: jsonClone(v) };
  } catch (err) {
    return { error: (err as Error).name };
  }
}

describe('jsonClone: the same result as fast-json-patch deepClone', () => {
  test('plain data, and a copy (no shared objects)', () => {
    const v = { a: [1, 'x', true, null, { b: -0, '10': 2, '2': 3 }], c: {} };
    const c = jsonClone(v) as typeof v;
    expect(isDeepStrictEqual({ value: c }, reference(v))).toBe(true);
    expect(Object.keys(c.a[4] as object)).toEqual(['2', '10', 'b']);
    expect(Object.is((c.a[4] as { b: number }).b, 0)).toBe(true);
    expect(c.a).not.toBe(v.a);
    expect(c.c).not.toBe(v.c);
  });

  test('values JSON changes or drops take the JSON route', () => {
    const proto = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown;
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const cases: unknown[] = [
      { n: Number.NaN, i: [Number.POSITIVE_INFINITY] },
      { u: undefined, a: [undefined] },
      { d: new Date(0) },
      { s: new Set([1]), m: new Map([[1, 2]]) },
      { b: new Uint8Array([1, 2]) },
      { f: () => 1 },
      Object.assign(Object.create(null) as object, { a: 1 }),
      proto,
      sparse,
      { t: { toJSON: () => 'T' } },
      Number.NaN,
      -0,
      'x',
      undefined,
      null,
    ];
    for (const v of cases) expect(isDeepStrictEqual(ours(v), reference(v))).toBe(true);
    expect(Object.hasOwn(jsonClone(proto) as object, '__proto__')).toBe(true);
  });

  test('cycles throw as JSON.stringify does; deep data is still copied', () => {
    const cyc: Record<string, unknown> = { a: 1 };
    cyc.self = { back: cyc };
    expect(ours(cyc)).toEqual(reference(cyc));
    expect('error' in ours(cyc)).toBe(true);
    let deep: unknown = 1;
    for (let i = 0; i < 150; i++) deep = { d: [deep] };
    expect(isDeepStrictEqual(ours(deep), reference(deep))).toBe(true);
  });

  test('any JSON-like value (fast-check)', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.anything({
        withNullPrototype: true,
        withMap: true,
        withSet: true,
        withDate: true,
        withTypedArray: true,
        withSparseArray: true,
        withBoxedValues: true,
      }),
    );
    fc.assert(
      fc.property(value, (v) => isDeepStrictEqual(ours(v), reference(v))),
      { numRuns: 500 },
    );
  });
});

describe('checkLimits after parseYamlFile', () => {
  test('a file parsed under a larger byte limit is still checked against the default', () => {
    const big = `a: "${'x'.repeat(YAML_LIMITS.maxBytes)}"\n`;
    expect(parseYamlFile(big, { maxBytes: YAML_LIMITS.maxBytes * 2 }).diagnostics).toEqual([]);
    expect(checkLimits(big)?.code).toBe('yaml-too-large');
    expect(
      applyChanges(big, [{ id: 'x', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] }]).refused.map((r) => r.code),
    ).toEqual(['patch-too-large']);
  });

  test('the file parsed last within the default limits passes, and so does a different text only on its own merits', () => {
    const text = 'a: [1]\n';
    expect(parseYamlFile(text).diagnostics).toEqual([]);
    expect(checkLimits(text)).toBeUndefined();
    expect(checkLimits('a: 1\n', { maxBytes: 3 })?.code).toBe('yaml-too-large');
    expect(checkLimits(text, { maxBytes: 3 })?.code).toBe('yaml-too-large');
  });
});
