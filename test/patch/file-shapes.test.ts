import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';
import { parseYamlFile } from '../../src/yaml.js';

const addNonRoot = {
  id: 'nonroot',
  doc: 0,
  ops: [{ op: 'add' as const, path: '/spec/securityContext/runAsNonRoot', value: true }],
};

describe('line endings, BOM, final newline', () => {
  test('CRLF files get CRLF lines', () => {
    const text = 'spec:\r\n  securityContext:\r\n    runAsUser: 1 # one\r\n  image: x\r\n';
    expect(applyChanges(text, [addNonRoot]).text).toBe(
      'spec:\r\n  securityContext:\r\n    runAsUser: 1 # one\r\n    runAsNonRoot: true\r\n  image: x\r\n',
    );
  });

  test('CRLF: a removal takes the whole line and its CRLF', () => {
    const text = 'spec:\r\n  a: 1\r\n  b: 2\r\n';
    expect(applyChanges(text, [{ id: 'r', doc: 0, ops: [{ op: 'remove', path: '/spec/a' }] }]).text).toBe(
      'spec:\r\n  b: 2\r\n',
    );
  });

  test('a byte-order mark stays, and is not a column', () => {
    const text = '\uFEFFspec:\n  securityContext:\n    runAsUser: 1\n';
    expect(applyChanges(text, [addNonRoot]).text).toBe(
      '\uFEFFspec:\n  securityContext:\n    runAsUser: 1\n    runAsNonRoot: true\n',
    );
    expect(applyChanges('\uFEFFa: 1\n', [{ id: 'b', doc: 0, ops: [{ op: 'add', path: '/b', value: 2 }] }]).text).toBe(
      '\uFEFFa: 1\nb: 2\n',
    );
  });

  test('a missing final newline stays missing', () => {
    const text = 'spec:\n  securityContext:\n    runAsUser: 1';
    expect(applyChanges(text, [addNonRoot]).text).toBe(
      'spec:\n  securityContext:\n    runAsUser: 1\n    runAsNonRoot: true',
    );
  });

  test('a missing final newline with CRLF elsewhere', () => {
    const text = 'spec:\r\n  securityContext: {}';
    expect(applyChanges(text, [addNonRoot]).text).toBe('spec:\r\n  securityContext:\r\n    runAsNonRoot: true');
  });
});

describe('multi-document files', () => {
  const text = [
    '# leading comment',
    '---',
    'spec:',
    '  securityContext: {}',
    '...',
    '# between documents',
    '--- # marker comment',
    'spec: [unclosed',
    '---',
    'spec:',
    '  securityContext:',
    '    a: 1',
    '',
  ].join('\n');

  test('a bad document is refused and left alone; the others are patched', () => {
    const r = applyChanges(text, [
      addNonRoot,
      { ...addNonRoot, id: 'bad', doc: 1 },
      { ...addNonRoot, id: 'third', doc: 2 },
    ]);
    expect(r.applied).toEqual(['nonroot', 'third']);
    expect(r.refused).toEqual([
      {
        id: 'bad',
        code: 'patch-doc-unparseable',
        message:
          'document 1 (line 9) is left as it is: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
    expect(r.text).toBe(
      text
        .replace('  securityContext: {}\n', '  securityContext:\n    runAsNonRoot: true\n')
        .replace('    a: 1\n', '    a: 1\n    runAsNonRoot: true\n'),
    );
  });

  test('a document that does not exist is refused', () => {
    const r = applyChanges(text, [{ ...addNonRoot, doc: 7 }]);
    expect(r).toEqual({
      text,
      applied: [],
      refused: [{ id: 'nonroot', code: 'patch-doc-missing', message: 'the file has 3 document(s); no document 7' }],
    });
  });

  test('a %YAML directive and a tag on the --- line are kept (the file is re-parsed whole)', () => {
    const t = '%YAML 1.2\n---\nspec:\n  securityContext: {}\n--- !!map\nspec:\n  x: 1\n';
    const r = applyChanges(t, [addNonRoot, { id: 'd1', doc: 1, ops: [{ op: 'add', path: '/spec/z', value: 2 }] }]);
    expect(r.applied).toEqual(['nonroot', 'd1']);
    expect(r.text).toBe(
      '%YAML 1.2\n---\nspec:\n  securityContext:\n    runAsNonRoot: true\n--- !!map\nspec:\n  x: 1\n  z: 2\n',
    );
  });

  test('a %YAML 1.1 directive is honoured when verifying (yes is a boolean there; the string "yes" is quoted)', () => {
    const t = '%YAML 1.1\n---\na: yes\n';
    const r = applyChanges(t, [
      {
        id: 'b',
        doc: 0,
        ops: [
          { op: 'add', path: '/b', value: 'yes' },
          { op: 'add', path: '/c', value: true },
        ],
      },
    ]);
    expect(r).toEqual({ text: '%YAML 1.1\n---\na: yes\nb: "yes"\nc: true\n', applied: ['b'], refused: [] });
  });
});

describe('block scalars and flow collections elsewhere are untouched', () => {
  test('only the edited line changes', () => {
    const text = 'a: |\n  keep\n   this\nb: >-\n  folded\n  text\nc: {x: [1, 2], y: "q"}\nd:\n  e: 1\n';
    expect(applyChanges(text, [{ id: 'e', doc: 0, ops: [{ op: 'replace', path: '/d/e', value: 2 }] }]).text).toBe(
      text.replace('e: 1', 'e: 2'),
    );
  });
});

describe('comments at the end of a document', () => {
  const add = (doc: number) => [{ id: 'd', doc, ops: [{ op: 'add' as const, path: '/d', value: 'x' }] }];

  test('a comment run before the next --- heads the next document', () => {
    const text = 'a:\n  b: 1\n# about the next document\n---\nc: 1\n';
    expect(applyChanges(text, add(0)).text).toBe('a:\n  b: 1\nd: x\n# about the next document\n---\nc: 1\n');
  });

  test('a comment run before ... heads what follows', () => {
    const text = 'a: 1\n# closing\n...\n';
    expect(applyChanges(text, add(0)).text).toBe('a: 1\nd: x\n# closing\n...\n');
  });

  test('a comment run at the end of the file belongs to the map', () => {
    const text = 'a: 1\n# b: 2\n';
    expect(applyChanges(text, add(0)).text).toBe('a: 1\n# b: 2\nd: x\n');
  });
});

describe("reusing the planner's parse", () => {
  test('values the caller modified after parseYamlFile do not leak into the patch or its verification', () => {
    const text = 'spec:\n  securityContext:\n    runAsUser: 1\n';
    const parsed = parseYamlFile(text);
    (parsed.docs[0]?.value as { spec: Record<string, unknown> }).spec.securityContext = { mutated: true };
    const r = applyChanges(text, [addNonRoot]);
    expect(r).toEqual({
      text: 'spec:\n  securityContext:\n    runAsUser: 1\n    runAsNonRoot: true\n',
      applied: ['nonroot'],
      refused: [],
    });
  });
});
