import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';

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
  test('adds keep the file\'s indentation; untouched lines stay', () => {
    const r = applyChanges(manifest, [
      { id: 'a', doc: 0, ops: [{ op: 'add', path: '/spec/containers/0/securityContext/runAsNonRoot', value: true }] },
      { id: 'b', doc: 0, ops: [{ op: 'remove', path: '/spec/hostNetwork' }] },
    ], { format: 'json' });
    expect(r.refused).toEqual([]);
    expect(r.applied).toEqual(['a', 'b']);
    expect(r.text).toBe(manifest
      .replace('"securityContext": {}', '"securityContext": {\n                    "runAsNonRoot": true\n                }')
      .replace('        ],\n        "hostNetwork": true\n', '        ]\n'));
  });

  test('a new last entry never re-formats the entry before it (one-line values stay one line)', () => {
    const text = '{\n  "spec": {\n    "containers": [\n      {\n        "name": "web",\n        "ports": [{ "containerPort": 3000 }]\n      }\n    ]\n  }\n}\n';
    const r = applyChanges(text, [{ id: 'a', doc: 0, ops: [{ op: 'add', path: '/spec/containers/0/securityContext', value: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } } }] }], { format: 'json' });
    expect(r.refused).toEqual([]);
    expect(r.text).toBe(text.replace(
      '        "ports": [{ "containerPort": 3000 }]\n',
      '        "ports": [{ "containerPort": 3000 }],\n        "securityContext": {\n          "runAsNonRoot": true,\n          "capabilities": {\n            "drop": [\n              "ALL"\n            ]\n          }\n        }\n',
    ));
  });

  test('append to an array and replace a value', () => {
    const text = '{\n  "drop": ["NET_RAW"],\n  "image": "nginx"\n}';
    const r = applyChanges(text, [{ id: 'a', doc: 0, ops: [{ op: 'add', path: '/drop/-', value: 'ALL' }, { op: 'replace', path: '/image', value: 'nginx:1.27' }] }], { format: 'json' });
    expect(r.text).toBe('{\n  "drop": ["NET_RAW", "ALL"],\n  "image": "nginx:1.27"\n}');
  });

  test('CRLF JSON gets CRLF lines', () => {
    const text = '{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}\r\n';
    const r = applyChanges(text, [{ id: 'a', doc: 0, ops: [{ op: 'add', path: '/a/c', value: 2 }] }], { format: 'json' });
    expect(r.text).toBe('{\r\n  "a": {\r\n    "b": 1,\r\n    "c": 2\r\n  }\r\n}\r\n');
  });

  test('invalid JSON, other documents and bad ops are refused; the text stays', () => {
    const bad = applyChanges('{"a": ', [{ id: 'x', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] }], { format: 'json' });
    expect(bad).toEqual({ text: '{"a": ', applied: [], refused: [{ id: 'x', code: 'patch-doc-unparseable', message: 'JSON does not parse (error 4 at offset 6)' }] });
    const r = applyChanges('{"a": 1}', [
      { id: 'd', doc: 1, ops: [{ op: 'add', path: '/b', value: 1 }] },
      { id: 'm', doc: 0, ops: [{ op: 'remove', path: '/zz' }] },
      { id: 'ok', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] },
    ], { format: 'json' });
    expect(r.text).toBe('{"a": 1, "b": 1}');
    expect(r.applied).toEqual(['ok']);
    expect(r.refused.map((x) => [x.id, x.code])).toEqual([['d', 'patch-doc-missing'], ['m', 'patch-path-missing']]);
  });

  test('deeply nested JSON is refused before parsing', () => {
    const deep = `{"a": ${'['.repeat(3000)}${']'.repeat(3000)}}`;
    expect(applyChanges(deep, [{ id: 'd', doc: 0, ops: [{ op: 'add', path: '/b', value: 1 }] }], { format: 'json' }).refused.map((r) => r.code)).toEqual(['patch-too-deep']);
  });
});
