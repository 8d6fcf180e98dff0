/**
 * Planned ops through the patch engine (`applyChanges`): the exact bytes that land in a file.
 */
import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';
import { parseYamlFile } from '../../src/yaml.js';
import { dedent, detectAll } from './helpers.js';

function patched(text: string, only: string[]): string {
  const doc = parseYamlFile(text).docs[0];
  const vs = detectAll(doc?.value, { only }).filter((v) => v.ops.length > 0);
  const result = applyChanges(
    text,
    vs.map((v, i) => ({ id: `${v.remediation}#${i}`, doc: 0, ops: v.ops })),
  );
  expect(result.refused).toEqual([]);
  return result.text;
}

const before = dedent(`
  # web tier
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web # public
  spec:
    template:
      spec:
        containers:
          - name: app
            image: "nginx:1.27"   # pinned
            securityContext:
              capabilities:
                drop: [NET_RAW]
            resources:
              requests:
                memory: 256Mi
`);

describe('exact bytes through applyChanges', () => {
  test('drop-capabilities appends to a flow list; comments and quotes stay', () => {
    expect(patched(before, ['drop-capabilities'])).toBe(before.replace('drop: [NET_RAW]', 'drop: [NET_RAW, ALL]'));
  });

  test('memory-limits adds the configured limit next to the request (never below it)', () => {
    expect(patched(before, ['memory-limits'])).toBe(`${before}            limits:\n              memory: 512Mi\n`);
  });

  test('no-privilege-escalation adds a leaf at the end of the existing securityContext', () => {
    expect(patched(before, ['no-privilege-escalation'])).toBe(
      before.replace('drop: [NET_RAW]\n', 'drop: [NET_RAW]\n            allowPrivilegeEscalation: false\n'),
    );
  });

  test('a null securityContext (key with nothing after it) is filled in place', () => {
    const text =
      'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: "x:1"\n    securityContext:\n';
    expect(patched(text, ['no-privilege-escalation'])).toBe(`${text}      allowPrivilegeEscalation: false\n`);
  });

  test('a second fix changes nothing', () => {
    const once = patched(before, ['drop-capabilities', 'memory-limits']);
    expect(patched(once, ['drop-capabilities', 'memory-limits'])).toBe(once);
  });
});
