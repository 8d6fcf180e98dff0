/** New strings follow their siblings' quoting (src/patch/quote-style.ts): exact bytes. */
import { describe, expect, test } from 'vitest';
import type { Operation } from '../../src/model.js';
import { applyChanges } from '../../src/patch/index.js';
import { dedent } from './helpers.js';

function apply(text: string, ...ops: Operation[]): string {
  const r = applyChanges(text, [{ id: 'c', doc: 0, ops }]);
  expect(r.refused).toEqual([]);
  return r.text;
}

const add = (path: string, value: unknown): Operation => ({ op: 'add', path, value });

describe('a new key in an existing block map', () => {
  test('double-quoted siblings: the new string is double-quoted', () => {
    const before = dedent(`
      limits:
        memory: "256Mi"
    `);
    expect(apply(before, add('/limits/cpu', '500m'))).toBe(`${before}  cpu: "500m"\n`);
  });

  test('single-quoted siblings: single quotes', () => {
    const before = "limits:\n  memory: '256Mi'\n";
    expect(apply(before, add('/limits/cpu', '500m'))).toBe(`${before}  cpu: '500m'\n`);
  });

  test('plain siblings, or siblings that mix styles: plain', () => {
    expect(apply('limits:\n  memory: 256Mi\n', add('/limits/cpu', '500m'))).toBe(
      'limits:\n  memory: 256Mi\n  cpu: 500m\n',
    );
    const mixed = 'limits:\n  memory: "256Mi"\n  ephemeral-storage: 1Gi\n';
    expect(apply(mixed, add('/limits/cpu', '500m'))).toBe(`${mixed}  cpu: 500m\n`);
  });

  test('a sibling quoted only because it had to be does not vote', () => {
    const forced = 'labels:\n  version: "1.0"\n';
    expect(apply(forced, add('/labels/tier', 'web'))).toBe(`${forced}  tier: web\n`);
    const chosen = 'labels:\n  version: "1.0"\n  app: "web"\n';
    expect(apply(chosen, add('/labels/tier', 'api'))).toBe(`${chosen}  tier: "api"\n`);
  });

  test('a string that must be quoted is quoted whatever the siblings; numbers and booleans never are', () => {
    expect(apply('a:\n  b: x\n', add('/a/c', 'true'))).toBe('a:\n  b: x\n  c: "true"\n');
    expect(apply("a:\n  b: 'x'\n", add('/a/c', 'yes'))).toBe("a:\n  b: 'x'\n  c: 'yes'\n");
    expect(apply('a:\n  b: "x"\n', add('/a/count', 3), add('/a/flag', true))).toBe(
      'a:\n  b: "x"\n  count: 3\n  flag: true\n',
    );
  });

  test('keys follow the sibling keys: JSON-style YAML stays JSON-style', () => {
    const before = '"limits":\n  "memory": "256Mi"\n';
    expect(apply(before, add('/limits/cpu', '500m'))).toBe(`${before}  "cpu": "500m"\n`);
  });

  test('the strings inside a new collection follow the receiving map', () => {
    const before = dedent(`
      containers:
        - name: "app"
          image: "nginx:1.27"
    `);
    const after = apply(
      before,
      add('/containers/0/securityContext', { runAsNonRoot: true, capabilities: { drop: ['ALL'] } }),
    );
    expect(after).toBe(
      `${before}    securityContext:\n      runAsNonRoot: true\n      capabilities:\n        drop:\n          - "ALL"\n`,
    );
  });

  test('with no string of its own, the map follows the nearest level below it: a new limits beside quoted requests', () => {
    const before = dedent(`
      resources:
        requests:
          cpu: "150m"
          memory: "64Mi"
    `);
    expect(apply(before, add('/resources/limits', { cpu: '500m', memory: '128Mi' }))).toBe(
      `${before}  limits:\n    cpu: "500m"\n    memory: "128Mi"\n`,
    );
  });
});

describe('flow maps and sequences', () => {
  test('a flow map: `{cpu: "1", memory: 1Gi}` votes plain ("1" had to be quoted); `{cpu: "1", memory: "1Gi"}` votes double', () => {
    expect(apply('limits: {cpu: "1", memory: 1Gi}\n', add('/limits/ephemeral-storage', '2Gi'))).toBe(
      'limits: {cpu: "1", memory: 1Gi, ephemeral-storage: 2Gi}\n',
    );
    expect(apply('limits: {cpu: "1", memory: "1Gi"}\n', add('/limits/ephemeral-storage', '2Gi'))).toBe(
      'limits: {cpu: "1", memory: "1Gi", ephemeral-storage: "2Gi"}\n',
    );
    expect(apply("limits: {memory: '1Gi'}\n", add('/limits/cpu', '500m'))).toBe(
      "limits: {memory: '1Gi', cpu: '500m'}\n",
    );
  });

  test('a new item in an existing list follows the items', () => {
    expect(apply('drop:\n  - "NET_RAW"\n', add('/drop/-', 'ALL'))).toBe('drop:\n  - "NET_RAW"\n  - "ALL"\n');
    expect(apply("drop: ['NET_RAW']\n", add('/drop/-', 'ALL'))).toBe("drop: ['NET_RAW', 'ALL']\n");
    expect(apply('drop: [NET_RAW, "SYS_ADMIN"]\n', add('/drop/-', 'ALL'))).toBe('drop: [NET_RAW, "SYS_ADMIN", ALL]\n');
  });
});

describe('JSON', () => {
  test('new strings and keys are double-quoted, as JSON has them', () => {
    const before = '{\n  "limits": {\n    "memory": "256Mi"\n  }\n}\n';
    const r = applyChanges(before, [{ id: 'c', doc: 0, ops: [add('/limits/cpu', '500m')] }], { format: 'json' });
    expect(r.text).toBe('{\n  "limits": {\n    "memory": "256Mi",\n    "cpu": "500m"\n  }\n}\n');
  });
});
