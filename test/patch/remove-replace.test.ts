import { describe, expect, test } from 'vitest';
import type { Operation } from '../../src/model.js';
import { applyChanges } from '../../src/patch/index.js';

function apply(text: string, ops: Operation[]): string {
  const r = applyChanges(text, [{ id: 'c', doc: 0, ops }]);
  expect(r.refused).toEqual([]);
  expect(r.applied).toEqual(['c']);
  return r.text;
}

describe('replace a scalar', () => {
  test('plain stays plain', () => {
    expect(apply('sc:\n  privileged: true # why\n', [{ op: 'replace', path: '/sc/privileged', value: false }])).toBe(
      'sc:\n  privileged: false # why\n',
    );
  });

  test('double quotes are kept', () => {
    expect(apply('image: "nginx:1.25"\n', [{ op: 'replace', path: '/image', value: 'nginx:1.27' }])).toBe(
      'image: "nginx:1.27"\n',
    );
  });

  test('single quotes are kept', () => {
    expect(apply("image: 'nginx'\n", [{ op: 'replace', path: '/image', value: "it's" }])).toBe("image: 'it''s'\n");
  });

  test('a quoted string replaced by a boolean loses its quotes (the value does not allow them)', () => {
    expect(apply('a: "true"\n', [{ op: 'replace', path: '/a', value: false }])).toBe('a: false\n');
  });

  test('a plain scalar replaced by a string that reads as a boolean gets quoted', () => {
    expect(apply('a: b\n', [{ op: 'replace', path: '/a', value: 'true' }])).toBe('a: "true"\n');
  });

  test('a sequence item in block and flow style', () => {
    expect(apply('a:\n- x\n- y\n', [{ op: 'replace', path: '/a/1', value: 'z' }])).toBe('a:\n- x\n- z\n');
    expect(apply('a: [x, y]\n', [{ op: 'replace', path: '/a/0', value: 'z' }])).toBe('a: [z, y]\n');
  });

  test('a block scalar replaced by a one-line value', () => {
    expect(apply('a: |\n  x\nb: 1\n', [{ op: 'replace', path: '/a', value: 'z' }])).toBe('a: z\nb: 1\n');
  });

  test('a scalar replaced by a map becomes a block', () => {
    expect(apply('a:\n  sc: none\n  b: 1\n', [{ op: 'replace', path: '/a/sc', value: { runAsNonRoot: true } }])).toBe(
      'a:\n  sc:\n    runAsNonRoot: true\n  b: 1\n',
    );
  });

  test('a block map replaced by a scalar', () => {
    expect(apply('a:\n  sc:\n    x: 1\n  b: 1\n', [{ op: 'replace', path: '/a/sc', value: 'none' }])).toBe(
      'a:\n  sc: none\n  b: 1\n',
    );
  });

  test('add on an existing key replaces its value', () => {
    expect(apply('a:\n  b: 1\n', [{ op: 'add', path: '/a/b', value: 2 }])).toBe('a:\n  b: 2\n');
  });
});

describe('remove a key', () => {
  const text = 'spec:\n  # about host networking\n  hostNetwork: true # risky\n  # about dns\n  dnsPolicy: Default\n';

  test("its line and trailing comment go; the neighbours' comments stay", () => {
    expect(apply(text, [{ op: 'remove', path: '/spec/hostNetwork' }])).toBe(
      'spec:\n  # about host networking\n  # about dns\n  dnsPolicy: Default\n',
    );
  });

  test('a key with a block value takes all its lines', () => {
    const t = 'c:\n  sc:\n    a: 1\n    b:\n    - x\n  image: y\n';
    expect(apply(t, [{ op: 'remove', path: '/c/sc' }])).toBe('c:\n  image: y\n');
  });

  test('the last key of a map leaves {}', () => {
    expect(apply('c:\n  sc:\n    a: 1 # c\n  image: y\n', [{ op: 'remove', path: '/c/sc/a' }])).toBe(
      'c:\n  sc: {}\n  image: y\n',
    );
  });

  test('the last key of the root map leaves {}', () => {
    expect(apply('a: 1\n', [{ op: 'remove', path: '/a' }])).toBe('{}\n');
  });

  test('the first key of a compact list item joins the next key to the dash', () => {
    expect(apply('- a: 1\n  b: 2\n', [{ op: 'remove', path: '/0/a' }])).toBe('- b: 2\n');
  });

  test('the only key of a compact list item leaves {}', () => {
    expect(apply('- a: 1\n- b\n', [{ op: 'remove', path: '/0/a' }])).toBe('- {}\n- b\n');
  });

  test('from a flow map: first, last, only', () => {
    expect(apply('m: {a: 1, b: 2}\n', [{ op: 'remove', path: '/m/a' }])).toBe('m: {b: 2}\n');
    expect(apply('m: {a: 1, b: 2}\n', [{ op: 'remove', path: '/m/b' }])).toBe('m: {a: 1}\n');
    expect(apply('m: {a: 1}\n', [{ op: 'remove', path: '/m/a' }])).toBe('m: {}\n');
  });
});

describe('remove a sequence item', () => {
  test('block: its lines go', () => {
    expect(apply('c:\n- name: a\n  image: x\n- name: b # two\n  image: y\n', [{ op: 'remove', path: '/c/1' }])).toBe(
      'c:\n- name: a\n  image: x\n',
    );
  });

  test('block: the only item leaves []', () => {
    expect(apply('drop:\n  - ALL\nx: 1\n', [{ op: 'remove', path: '/drop/0' }])).toBe('drop: []\nx: 1\n');
  });

  test('flow: middle, last, only', () => {
    expect(apply('d: [a, b, c]\n', [{ op: 'remove', path: '/d/1' }])).toBe('d: [a, c]\n');
    expect(apply('d: [a, b]\n', [{ op: 'remove', path: '/d/1' }])).toBe('d: [a]\n');
    expect(apply('d: [a]\n', [{ op: 'remove', path: '/d/0' }])).toBe('d: []\n');
  });
});

describe('several ops in one change', () => {
  test('two removals from one map re-parse between them', () => {
    expect(
      apply('m:\n  a: 1\n  b: 2\nz: 0\n', [
        { op: 'remove', path: '/m/a' },
        { op: 'remove', path: '/m/b' },
      ]),
    ).toBe('m: {}\nz: 0\n');
  });

  test('removals by index follow RFC 6902 order', () => {
    expect(
      apply('d:\n- a\n- b\n- c\n', [
        { op: 'remove', path: '/d/0' },
        { op: 'remove', path: '/d/1' },
      ]),
    ).toBe('d:\n- b\n');
  });

  test('an add into a map added by an earlier op', () => {
    const after = apply('c:\n  image: x\n', [
      { op: 'add', path: '/c/sc', value: {} },
      { op: 'add', path: '/c/sc/runAsNonRoot', value: true },
    ]);
    expect(after).toBe('c:\n  image: x\n  sc:\n    runAsNonRoot: true\n');
  });

  test('a test op applies nothing but is checked', () => {
    expect(
      apply('a: 1\n', [
        { op: 'test', path: '/a', value: 1 },
        { op: 'add', path: '/b', value: 2 },
      ]),
    ).toBe('a: 1\nb: 2\n');
    const r = applyChanges('a: 1\n', [
      {
        id: 't',
        doc: 0,
        ops: [
          { op: 'test', path: '/a', value: 2 },
          { op: 'add', path: '/b', value: 2 },
        ],
      },
    ]);
    expect(r).toEqual({
      text: 'a: 1\n',
      applied: [],
      refused: [{ id: 't', code: 'patch-invalid-op', message: expect.stringMatching(/^TEST_OPERATION_FAILED/) }],
    });
  });
});

describe('in-place replacements and appends share one batch', () => {
  test('replace privileged and add fields of the same map', () => {
    const text = 'sc:\n  privileged: true\n  x: {a: 1}\n';
    const after = apply(text, [
      { op: 'add', path: '/sc/runAsNonRoot', value: true },
      { op: 'replace', path: '/sc/privileged', value: false },
      { op: 'replace', path: '/sc/x/a', value: 2 },
      { op: 'add', path: '/sc/x/b', value: 3 },
      { op: 'add', path: '/sc/allowPrivilegeEscalation', value: false },
    ]);
    expect(after).toBe(
      'sc:\n  privileged: false\n  x: {a: 2, b: 3}\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false\n',
    );
  });
});
