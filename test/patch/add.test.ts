import { describe, expect, test } from 'vitest';
import type { Operation } from '../../src/model.js';
import { applyChanges } from '../../src/patch/index.js';
import { dedent } from './helpers.js';

function apply(text: string, ops: Operation[]): string {
  const r = applyChanges(text, [{ id: 'c', doc: 0, ops }]);
  expect(r.refused).toEqual([]);
  expect(r.applied).toEqual(['c']);
  return r.text;
}

const pod = dedent(`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web # the name
  spec:
    containers:
    - name: app
      image: nginx
      securityContext:
        privileged: false
    # about the sidecar

    - name: sidecar
      image: envoy
`);

describe('add into a block map', () => {
  test("a new key goes after the last entry, at the entries' column", () => {
    const after = apply(pod, [{ op: 'add', path: '/spec/containers/0/securityContext/runAsNonRoot', value: true }]);
    expect(after).toBe(pod.replace('privileged: false\n', 'privileged: false\n      runAsNonRoot: true\n'));
  });

  test('a comment indented less than the entries belongs to what follows', () => {
    const after = apply(pod, [{ op: 'add', path: '/spec/containers/0/resources', value: { limits: { cpu: '500m' } } }]);
    expect(after).toBe(
      pod.replace('privileged: false\n', 'privileged: false\n    resources:\n      limits:\n        cpu: 500m\n'),
    );
  });

  test("comment lines at the entries' column directly after the last entry belong to the map", () => {
    const text = dedent(`
      securityContext:
        runAsUser: 1000
        # runAsGroup: 3000
      image: nginx
    `);
    const after = apply(text, [{ op: 'add', path: '/securityContext/runAsNonRoot', value: true }]);
    expect(after).toBe(text.replace('# runAsGroup: 3000\n', '# runAsGroup: 3000\n  runAsNonRoot: true\n'));
  });

  test('a comment run followed by a blank line heads what follows', () => {
    const text = dedent(`
      securityContext:
        runAsUser: 1000
        # the image

      image: nginx
    `);
    const after = apply(text, [{ op: 'add', path: '/securityContext/runAsNonRoot', value: true }]);
    expect(after).toBe(text.replace('runAsUser: 1000\n', 'runAsUser: 1000\n  runAsNonRoot: true\n'));
  });

  test('blank lines at the end of a map stay after the new key', () => {
    const text = 'a:\n  b: 1\n\n\nc: 2\n';
    expect(apply(text, [{ op: 'add', path: '/a/d', value: 'x' }])).toBe('a:\n  b: 1\n  d: x\n\n\nc: 2\n');
  });

  test('trailing comments on the last entry stay on their line', () => {
    const text = 'a:\n  b: 1 # keep\nc: 2\n';
    expect(apply(text, [{ op: 'add', path: '/a/d', value: 2 }])).toBe('a:\n  b: 1 # keep\n  d: 2\nc: 2\n');
  });

  test('a root map gets keys at column 0, after a last block scalar', () => {
    const text = 'a: 1\nb: |\n  line\n\n  more\n';
    expect(apply(text, [{ op: 'add', path: '/c', value: true }])).toBe('a: 1\nb: |\n  line\n\n  more\nc: true\n');
  });

  test("a kept block scalar's trailing blank lines stay in the scalar", () => {
    const text = 'a:\n  b: |+\n    x\n\n  c: 1\nd: 2\n';
    expect(apply(text, [{ op: 'add', path: '/a/e', value: 1 }])).toBe('a:\n  b: |+\n    x\n\n  c: 1\n  e: 1\nd: 2\n');
  });

  test('indentation width of 4 is followed for nested new maps', () => {
    const text = 'spec:\n    containers:\n    -   name: a\n        image: b\n';
    const after = apply(text, [
      {
        op: 'add',
        path: '/spec/containers/0/securityContext',
        value: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
      },
    ]);
    expect(after).toBe(
      text +
        '        securityContext:\n            runAsNonRoot: true\n            capabilities:\n                drop:\n                -   ALL\n'.replace(
          '-   ALL',
          '- ALL',
        ),
    );
  });
});

describe('sequence styles for new lists', () => {
  test('indentless documents get indentless new lists', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    image: b\n';
    const after = apply(text, [
      { op: 'add', path: '/spec/containers/0/securityContext', value: { capabilities: { drop: ['ALL'] } } },
    ]);
    expect(after).toBe(text + '    securityContext:\n      capabilities:\n        drop:\n        - ALL\n');
  });

  test('indented documents get indented new lists', () => {
    const text = 'spec:\n  containers:\n    - name: a\n      image: b\n';
    const after = apply(text, [
      { op: 'add', path: '/spec/containers/0/securityContext', value: { capabilities: { drop: ['ALL'] } } },
    ]);
    expect(after).toBe(text + '      securityContext:\n        capabilities:\n          drop:\n            - ALL\n');
  });

  test('a new map item of a list is rendered compact after the dash', () => {
    const text = 'containers:\n  - name: a\n    image: b\n';
    const after = apply(text, [{ op: 'add', path: '/containers/-', value: { name: 'redis', image: 'redis' } }]);
    expect(after).toBe(text + '  - name: redis\n    image: redis\n');
  });
});

describe('add into flow collections and empty values', () => {
  test('a non-empty flow sequence stays flow', () => {
    const text = 'capabilities:\n  drop: [NET_RAW]\n';
    expect(apply(text, [{ op: 'add', path: '/capabilities/drop/-', value: 'ALL' }])).toBe(
      'capabilities:\n  drop: [NET_RAW, ALL]\n',
    );
  });

  test('a non-empty flow map stays flow', () => {
    const text = 'securityContext: {runAsUser: 1000}\n';
    expect(apply(text, [{ op: 'add', path: '/securityContext/runAsNonRoot', value: true }])).toBe(
      'securityContext: {runAsUser: 1000, runAsNonRoot: true}\n',
    );
  });

  test('nested values in a flow map are flow', () => {
    const text = 'c: {name: a}\n';
    expect(apply(text, [{ op: 'add', path: '/c/securityContext', value: { capabilities: { drop: ['ALL'] } } }])).toBe(
      'c: {name: a, securityContext: {capabilities: {drop: [ALL]}}}\n',
    );
  });

  test('an index add inserts before that item in a flow sequence', () => {
    expect(apply('a: [x, y]\n', [{ op: 'add', path: '/a/1', value: 'z' }])).toBe('a: [x, z, y]\n');
  });

  test('an empty {} becomes a block', () => {
    const text = 'spec:\n  securityContext: {}\n  image: x\n';
    expect(apply(text, [{ op: 'add', path: '/spec/securityContext/runAsNonRoot', value: true }])).toBe(
      'spec:\n  securityContext:\n    runAsNonRoot: true\n  image: x\n',
    );
  });

  test("an empty [] becomes a block in the document's sequence style", () => {
    const text = 'a:\n  drop: []\n  list:\n  - x\n';
    expect(apply(text, [{ op: 'add', path: '/a/drop/-', value: 'ALL' }])).toBe(
      'a:\n  drop:\n  - ALL\n  list:\n  - x\n',
    );
  });

  test('an empty {} as a list item becomes a compact map', () => {
    const text = 'items:\n- {}\n- b\n';
    expect(apply(text, [{ op: 'add', path: '/items/0/k', value: { x: 1 } }])).toBe('items:\n- k:\n    x: 1\n- b\n');
  });

  test('an empty {} inside a flow collection stays flow', () => {
    expect(apply('a: [{}, 1]\n', [{ op: 'add', path: '/a/0/k', value: 'v' }])).toBe('a: [{k: v}, 1]\n');
  });

  test('an empty [] as a list item becomes a compact list', () => {
    expect(apply('m:\n- []\n', [{ op: 'add', path: '/m/0/-', value: 'x' }])).toBe('m:\n- - x\n');
  });

  test('a key with no value becomes a block', () => {
    const text = 'spec:\n  securityContext:\n  image: x\n';
    expect(apply(text, [{ op: 'add', path: '/spec/securityContext', value: { runAsNonRoot: true } }])).toBe(
      'spec:\n  securityContext:\n    runAsNonRoot: true\n  image: x\n',
    );
  });

  test('a key with an explicit null and a comment becomes a block; the comment stays on the key', () => {
    const text = 'spec:\n  securityContext: ~ # set me\n  image: x\n';
    expect(apply(text, [{ op: 'add', path: '/spec/securityContext', value: { runAsNonRoot: true } }])).toBe(
      'spec:\n  securityContext: # set me\n    runAsNonRoot: true\n  image: x\n',
    );
  });

  test('missing intermediates come as one add of a whole object, rendered as block YAML', () => {
    const text = 'spec:\n  containers:\n  - name: a\n    image: b\n  volumes: []\n';
    const after = apply(text, [
      {
        op: 'add',
        path: '/spec/containers/0/securityContext',
        value: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      },
    ]);
    expect(after).toBe(
      'spec:\n  containers:\n  - name: a\n    image: b\n    securityContext:\n      runAsNonRoot: true\n      seccompProfile:\n        type: RuntimeDefault\n  volumes: []\n',
    );
  });
});

describe('add into block sequences', () => {
  test('append with /- after the last item and its comments', () => {
    const text = 'drop:\n  - NET_RAW # raw\n  # more below\nnext: 1\n';
    expect(apply(text, [{ op: 'add', path: '/drop/-', value: 'ALL' }])).toBe(
      'drop:\n  - NET_RAW # raw\n  # more below\n  - ALL\nnext: 1\n',
    );
  });

  test('append with the index equal to the length', () => {
    expect(apply('drop:\n- A\n- B\n', [{ op: 'add', path: '/drop/2', value: 'C' }])).toBe('drop:\n- A\n- B\n- C\n');
  });

  test('insert at an index goes before that item', () => {
    expect(apply('drop:\n- A\n- B\n', [{ op: 'add', path: '/drop/1', value: 'C' }])).toBe('drop:\n- A\n- C\n- B\n');
  });
});

describe('scalars round-trip to the exact JSON value', () => {
  test.each([
    ['true', '"true"'],
    ['1', '"1"'],
    ['null', '"null"'],
    ['', '""'],
    ['a: b', '"a: b"'],
    ['#x', '"#x"'],
    ['yes', '"yes"'],
    ['on', '"on"'],
    ['1:20', '"1:20"'],
    ['0o12', '"0o12"'],
    ['500m', '500m'],
    ['two\nlines', '"two\\nlines"'],
  ])('string %j is written as %s', (value, written) => {
    expect(apply('a: 1\n', [{ op: 'add', path: '/b', value }])).toBe(`a: 1\nb: ${written}\n`);
  });

  test.each([
    [false, 'false'],
    [0, '0'],
    [1.5, '1.5'],
    [null, 'null'],
  ])('value %j is written as %s', (value, written) => {
    expect(apply('a: 1\n', [{ op: 'add', path: '/b', value }])).toBe(`a: 1\nb: ${written}\n`);
  });

  test('strings with flow indicators are quoted inside flow collections', () => {
    expect(apply('a: [x]\n', [{ op: 'add', path: '/a/-', value: 'p,q' }])).toBe('a: [x, "p,q"]\n');
  });
});

describe('several changes inserting at one offset', () => {
  test("the inner map's new keys come before the outer map's", () => {
    const text = 'spec:\n  template:\n    spec:\n      sa: x\n      containers:\n      - name: a\n        image: b\n';
    const c0 = '/spec/template/spec/containers/0';
    const r = applyChanges(text, [
      {
        id: 'pod',
        doc: 0,
        ops: [{ op: 'add', path: '/spec/template/spec/securityContext', value: { allowPrivilegeEscalation: false } }],
      },
      {
        id: 'ctr',
        doc: 0,
        ops: [
          { op: 'add', path: `${c0}/securityContext`, value: { capabilities: { drop: ['NET_RAW'] } } },
          { op: 'add', path: `${c0}/securityContext/seccompProfile`, value: { type: 'RuntimeDefault' } },
        ],
      },
    ]);
    expect(r.applied).toEqual(['pod', 'ctr']);
    expect(r.text).toBe(
      `${text}        securityContext:\n          capabilities:\n            drop:\n            - NET_RAW\n          seccompProfile:\n            type: RuntimeDefault\n      securityContext:\n        allowPrivilegeEscalation: false\n`,
    );
  });
});

describe('files that mix sequence styles', () => {
  test('a new list follows the nearest enclosing map that has one', () => {
    const text = 'containers:\n- name: a\n  args:\n    - --x\n  image: b\n';
    const after = apply(text, [
      { op: 'add', path: '/containers/0/securityContext', value: { capabilities: { drop: ['ALL'] } } },
    ]);
    expect(after).toBe(`${text}  securityContext:\n    capabilities:\n      drop:\n        - ALL\n`);
  });

  test("without one nearby, the document's first block sequence decides", () => {
    const text = 'containers:\n- name: a\n  image: b\n';
    const after = apply(text, [
      { op: 'add', path: '/containers/0/securityContext', value: { capabilities: { drop: ['ALL'] } } },
    ]);
    expect(after).toBe(`${text}  securityContext:\n    capabilities:\n      drop:\n      - ALL\n`);
  });
});
