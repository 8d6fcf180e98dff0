import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';
import { YAML_LIMITS } from '../../src/yaml.js';

describe('anchors, aliases and merge keys are refused', () => {
  const text =
    'base: &base\n  runAsUser: 1\nc1:\n  sc: *base\nc2:\n  sc:\n    <<: *base\n    x: 1\nc3:\n  sc:\n    y: 1\n';
  const cases: Array<[string, string, string]> = [
    ['/c1/sc/runAsNonRoot', 'patch-alias', '/c1/sc goes through an alias'],
    ['/base/runAsNonRoot', 'patch-alias', '/base is an anchored node (&base)'],
    ['/c2/sc/runAsNonRoot', 'patch-merge-key', '/c2/sc is a map with a merge key (<<)'],
  ];
  test.each(cases)('add %s → %s', (path, code, message) => {
    const r = applyChanges(text, [{ id: 'x', doc: 0, ops: [{ op: 'add', path, value: true }] }]);
    expect(r).toEqual({ text, applied: [], refused: [{ id: 'x', code, message }] });
  });

  test('removing a subtree that holds an anchor is refused', () => {
    const r = applyChanges(text, [{ id: 'x', doc: 0, ops: [{ op: 'remove', path: '/base' }] }]);
    expect(r).toEqual({
      text,
      applied: [],
      refused: [{ id: 'x', code: 'patch-alias', message: '/base is an anchored node (&base)' }],
    });
    const nested = 'a:\n  b: &x 1\nc: *x\n';
    const r2 = applyChanges(nested, [{ id: 'y', doc: 0, ops: [{ op: 'remove', path: '/a' }] }]);
    expect(r2).toEqual({
      text: nested,
      applied: [],
      refused: [{ id: 'y', code: 'patch-alias', message: 'removed value holds an anchor' }],
    });
  });

  test('a refused change does not block the others', () => {
    const r = applyChanges(text, [
      { id: 'bad', doc: 0, ops: [{ op: 'add', path: '/c1/sc/runAsNonRoot', value: true }] },
      { id: 'good', doc: 0, ops: [{ op: 'add', path: '/c3/sc/runAsNonRoot', value: true }] },
    ]);
    expect(r.applied).toEqual(['good']);
    expect(r.refused.map((x) => x.id)).toEqual(['bad']);
    expect(r.text).toBe(text.replace('    y: 1\n', '    y: 1\n    runAsNonRoot: true\n'));
  });
});

describe('verification', () => {
  test('an edit whose result does not verify is refused; the other changes still apply', () => {
    // `!!str` stays on the node, so writing 2 there yields the string "2", not the number 2.
    const text = 'a: !!str 1\nb:\n  c: 1\n';
    const r = applyChanges(text, [
      { id: 'tagged', doc: 0, ops: [{ op: 'replace', path: '/a', value: 2 }] },
      { id: 'fine', doc: 0, ops: [{ op: 'add', path: '/b/d', value: 2 }] },
    ]);
    expect(r).toEqual({
      text: 'a: !!str 1\nb:\n  c: 1\n  d: 2\n',
      applied: ['fine'],
      refused: [
        {
          id: 'tagged',
          code: 'patch-verify-failed',
          message: 'the edited document does not equal the old one with the ops applied',
        },
      ],
    });
  });

  test('ops that do not apply to the document are refused before any edit', () => {
    const text = 'a: 1\n';
    const r = applyChanges(text, [
      { id: 'missing', doc: 0, ops: [{ op: 'remove', path: '/nope' }] },
      { id: 'deep', doc: 0, ops: [{ op: 'add', path: '/x/y', value: 1 }] },
      { id: 'badvalue', doc: 0, ops: [{ op: 'add', path: '/c', value: undefined }] },
      { id: 'move', doc: 0, ops: [{ op: 'move', from: '/a', path: '/b' }] },
    ]);
    expect(r.text).toBe(text);
    expect(r.applied).toEqual([]);
    expect(r.refused.map((x) => [x.id, x.code])).toEqual([
      ['missing', 'patch-path-missing'],
      ['deep', 'patch-path-missing'],
      ['badvalue', 'patch-invalid-op'],
      ['move', 'patch-unsupported'],
    ]);
  });

  test('replacing a whole document is unsupported', () => {
    const r = applyChanges('a: 1\n', [{ id: 'root', doc: 0, ops: [{ op: 'replace', path: '', value: { a: 2 } }] }]);
    expect(r.refused).toEqual([
      { id: 'root', code: 'patch-unsupported', message: 'replacing a whole document is not supported' },
    ]);
  });

  test('no changes give the same text', () => {
    expect(applyChanges('a: 1', [])).toEqual({ text: 'a: 1', applied: [], refused: [] });
  });
});

describe('hostile input', () => {
  test('a billion-laughs document is refused at the alias limit, not expanded', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const bomb = `${levels.join('\n')}\nz: 1\n`;
    const r = applyChanges(bomb, [{ id: 'b', doc: 0, ops: [{ op: 'add', path: '/y', value: 1 }] }]);
    expect(r).toEqual({
      text: bomb,
      applied: [],
      refused: [
        {
          id: 'b',
          code: 'patch-doc-unparseable',
          message: 'document 0 is left as it is: alias expansion exceeds 100 (ReferenceError)',
        },
      ],
    });
  });

  test('a file over the size limit is refused without parsing', () => {
    const huge = `a: "${'x'.repeat(YAML_LIMITS.maxBytes)}"\n`;
    const r = applyChanges(huge, [{ id: 'h', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] }]);
    expect(r.text).toBe(huge);
    expect(r.refused).toEqual([
      {
        id: 'h',
        code: 'patch-too-large',
        message: `file is ${YAML_LIMITS.maxBytes + 6} bytes, over the ${YAML_LIMITS.maxBytes}-byte limit; not parsed`,
      },
    ]);
  });

  test('deeply nested flow collections are refused before parsing (yaml overflows its stack near 1000)', () => {
    const deep = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\nb: 1\n`;
    for (let i = 0; i < 3; i++) {
      const r = applyChanges(deep, [{ id: 'd', doc: 0, ops: [{ op: 'add', path: '/c', value: 1 }] }]);
      expect(r).toEqual({
        text: deep,
        applied: [],
        refused: [
          {
            id: 'd',
            code: 'patch-too-deep',
            message: 'flow collections nest 5000 deep, over the limit of 256; not parsed',
          },
        ],
      });
    }
    const ok = `a: ${'['.repeat(256)}${']'.repeat(256)}\n`;
    expect(applyChanges(ok, [{ id: 'o', doc: 0, ops: [{ op: 'add', path: '/c', value: 1 }] }]).text).toBe(
      `${ok}c: 1\n`,
    );
  });

  test('a large file under the limit with many documents patches only its target', () => {
    const doc = 'kind: ConfigMap\ndata:\n  k: v\n';
    const text = Array(2000).fill(doc).join('---\n');
    const r = applyChanges(text, [{ id: 'm', doc: 1999, ops: [{ op: 'add', path: '/data/n', value: 'w' }] }]);
    expect(r.applied).toEqual(['m']);
    // `n` is a boolean to YAML 1.1 readers (go-yaml v2), so the new key is quoted.
    expect(r.text).toBe(`${text}  "n": w\n`);
  });
});
