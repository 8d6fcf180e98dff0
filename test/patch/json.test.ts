import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';
import { patchByItem } from '../../src/patch/json-items.js';
import { parseJson, patchJson } from '../../src/patch/json.js';

const manifest = `{
    "apiVersion": "v1",
    "kind": "Pod",
    "spec": {
        "containers": [
            {
                "name": "app",
                "securityContext": {}
            }
        ],
        "hostNetwork": true
    }
}
`;

describe('JSON manifests', () => {
  test("adds keep the file's indentation; untouched lines stay", () => {
    const r = applyChanges(
      manifest,
      [
        { id: 'a', doc: 0, ops: [{ op: 'add', path: '/spec/containers/0/securityContext/runAsNonRoot', value: true }] },
        { id: 'b', doc: 0, ops: [{ op: 'remove', path: '/spec/hostNetwork' }] },
      ],
      { format: 'json' },
    );
    expect(r.refused).toEqual([]);
    expect(r.applied).toEqual(['a', 'b']);
    expect(r.text).toBe(
      manifest
        .replace(
          '"securityContext": {}',
          '"securityContext": {\n                    "runAsNonRoot": true\n                }',
        )
        .replace('        ],\n        "hostNetwork": true\n', '        ]\n'),
    );
  });

  test('a new last entry never re-formats the entry before it (one-line values stay one line)', () => {
    const text =
      '{\n  "spec": {\n    "containers": [\n      {\n        "name": "web",\n        "ports": [{ "containerPort": 3000 }]\n      }\n    ]\n  }\n}\n';
    const r = applyChanges(
      text,
      [
        {
          id: 'a',
          doc: 0,
          ops: [
            {
              op: 'add',
              path: '/spec/containers/0/securityContext',
              value: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      ],
      { format: 'json' },
    );
    expect(r.refused).toEqual([]);
    expect(r.text).toBe(
      text.replace(
        '        "ports": [{ "containerPort": 3000 }]\n',
        '        "ports": [{ "containerPort": 3000 }],\n        "securityContext": {\n          "runAsNonRoot": true,\n          "capabilities": {\n            "drop": [\n              "ALL"\n            ]\n          }\n        }\n',
      ),
    );
  });

  test('append to an array and replace a value', () => {
    const text = '{\n  "drop": ["NET_RAW"],\n  "image": "nginx"\n}';
    const r = applyChanges(
      text,
      [
        {
          id: 'a',
          doc: 0,
          ops: [
            { op: 'add', path: '/drop/-', value: 'ALL' },
            { op: 'replace', path: '/image', value: 'nginx:1.27' },
          ],
        },
      ],
      { format: 'json' },
    );
    expect(r.text).toBe('{\n  "drop": ["NET_RAW", "ALL"],\n  "image": "nginx:1.27"\n}');
  });

  test('CRLF JSON gets CRLF lines', () => {
    const text = '{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}\r\n';
    const r = applyChanges(text, [{ id: 'a', doc: 0, ops: [{ op: 'add', path: '/a/c', value: 2 }] }], {
      format: 'json',
    });
    expect(r.text).toBe('{\r\n  "a": {\r\n    "b": 1,\r\n    "c": 2\r\n  }\r\n}\r\n');
  });

  test('invalid JSON, other documents and bad ops are refused; the text stays', () => {
    const bad = applyChanges('{"a": ', [{ id: 'x', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] }], {
      format: 'json',
    });
    expect(bad).toEqual({
      text: '{"a": ',
      applied: [],
      refused: [{ id: 'x', code: 'patch-doc-unparseable', message: 'JSON does not parse (error 4 at offset 6)' }],
    });
    const r = applyChanges(
      '{"a": 1}',
      [
        { id: 'd', doc: 1, ops: [{ op: 'add', path: '/b', value: 1 }] },
        { id: 'm', doc: 0, ops: [{ op: 'remove', path: '/zz' }] },
        { id: 'ok', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] },
      ],
      { format: 'json' },
    );
    expect(r.text).toBe('{"a": 1, "b": 1}');
    expect(r.applied).toEqual(['ok']);
    expect(r.refused.map((x) => [x.id, x.code])).toEqual([
      ['d', 'patch-doc-missing'],
      ['m', 'patch-path-missing'],
    ]);
  });

  test('deeply nested JSON is refused before parsing', () => {
    const deep = `{"a": ${'['.repeat(3000)}${']'.repeat(3000)}}`;
    expect(
      applyChanges(deep, [{ id: 'd', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] }], {
        format: 'json',
      }).refused.map((r) => r.code),
    ).toEqual(['patch-too-deep']);
  });

  describe('a List: items patched one by one, the file verified once', () => {
    const item = (name: string) =>
      `    {\n      "kind": "Pod",\n      "metadata": {\n        "name": "${name}"\n      },\n      "spec": {\n        "hostNetwork": true\n      }\n    }`;
    const list = `{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [\n${item('a')},\n${item('b')},\n${item('c')}\n  ]\n}\n`;
    const label = (id: string, i: number) => ({
      id,
      doc: 0,
      ops: [{ op: 'add' as const, path: `/items/${i}/metadata/labels`, value: { tier: 'web' } }],
    });
    const labelled = (name: string) =>
      `"name": "${name}",\n        "labels": {\n          "tier": "web"\n        }\n      },`;

    test("changes in several items apply with the item's indentation; a refused one blocks no other", () => {
      const r = applyChanges(
        list,
        [label('c', 2), { id: 'bad', doc: 0, ops: [{ op: 'remove', path: '/items/1/spec/missing' }] }, label('a', 0)],
        { format: 'json' },
      );
      expect(r.applied).toEqual(['c', 'a']);
      expect(r.refused.map((x) => [x.id, x.code])).toEqual([['bad', 'patch-path-missing']]);
      expect(r.text).toBe(
        list.replace(`"name": "a"\n      },`, labelled('a')).replace(`"name": "c"\n      },`, labelled('c')),
      );
      // Item by item indeed (each op re-parses one item, not the file): the same result, not the fallback.
      const byItem = patchByItem(
        list,
        JSON.parse(list),
        [label('c', 2), label('a', 0)],
        { insertSpaces: true, tabSize: 2, eol: '\n' },
        patchJson,
        parseJson,
      );
      expect(byItem?.text).toBe(r.text);
    });

    test('a change outside the items takes the whole-text path, with the same bytes for the items', () => {
      const r = applyChanges(
        list,
        [label('a', 0), { id: 'top', doc: 0, ops: [{ op: 'add', path: '/metadata', value: { name: 'all' } }] }],
        { format: 'json' },
      );
      expect(r.applied).toEqual(['a', 'top']);
      expect(r.text).toBe(
        list
          .replace(`"name": "a"\n      },`, labelled('a'))
          .replace('  ]\n}\n', '  ],\n  "metadata": {\n    "name": "all"\n  }\n}\n'),
      );
    });
  });
});
