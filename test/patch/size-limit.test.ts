/**
 * Near the size limit nothing is dropped silently: a fix that would push a file over YAML_LIMITS.maxBytes is
 * refused with `patch-too-large` and the sizes (every later read of the file would refuse it whole), and a
 * file already over the limit is reported, not skipped.
 */
import { describe, expect, test } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.js';
import { applyChanges } from '../../src/patch/index.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { YAML_LIMITS } from '../../src/yaml.js';
import { MECHANICS } from '../remediations/helpers.js';
import { dedent } from './helpers.js';

const MAX = YAML_LIMITS.maxBytes;

const POD = dedent(`
  apiVersion: v1
  kind: Pod
  metadata:
    name: NAME
  spec:
    containers:
      - name: app
        image: nginx:1.27
        securityContext:
          allowPrivilegeEscalation: true
`);

/** `docs` then a comment line that fills the file to `MAX - room` bytes. */
function nearLimit(docs: string[], room: number): string {
  const body = docs.join('---\n');
  return `${body}# ${'x'.repeat(MAX - room - body.length - 3)}\n`;
}

const add = (id: string, doc: number, value: string) => ({
  id,
  doc,
  ops: [{ op: 'add' as const, path: '/metadata/labels', value: { tier: value } }],
});

describe('the size limit after patching', () => {
  test('a change that would push the file over the limit is refused with the sizes; a later one that fits applies', () => {
    const text = nearLimit([POD.replace('NAME', 'a'), POD.replace('NAME', 'b')], 30);
    expect(Buffer.byteLength(text)).toBe(MAX - 30);
    // `  labels:\n    tier: <value>\n` is 21 bytes plus the value.
    const out = applyChanges(text, [add('big', 0, 'x'.repeat(10)), add('small', 1, 'web')]);
    expect(out.applied).toEqual(['small']);
    expect(out.refused).toEqual([
      {
        id: 'big',
        code: 'patch-too-large',
        message: `with document 0 patched the file would be ${MAX + 1} bytes, over the ${MAX}-byte limit that every later read applies; not applied (split the file to fix the rest)`,
      },
    ]);
    expect(out.text).toBe(text.replace('name: b\n', 'name: b\n  labels:\n    tier: web\n'));
  });

  test('a change that ends exactly at the limit applies', () => {
    const text = nearLimit([POD.replace('NAME', 'a')], 24);
    const out = applyChanges(text, [add('fits', 0, 'web')]);
    expect(out.refused).toEqual([]);
    expect(Buffer.byteLength(out.text)).toBe(MAX);
  });

  test('JSON: the whole result is refused when it would be over the limit', () => {
    const head = '{\n  "kind": "Pod",\n  "metadata": {\n    "name": "a"\n  },\n  "spec": "';
    const text = `${head}${'x'.repeat(MAX - head.length - 10)}"\n}\n`;
    const out = applyChanges(text, [add('json', 0, 'web')], { format: 'json' });
    expect(out.text).toBe(text);
    expect(out.applied).toEqual([]);
    expect(out.refused.map((r) => [r.id, r.code])).toEqual([['json', 'patch-too-large']]);
  });
});

describe('the pipeline near and over the size limit', () => {
  const catalog = loadCatalog();
  const config = ConfigSchema.parse(MECHANICS);

  test('a fix that would not fit is reported as skipped with the reason, never dropped', () => {
    const text = nearLimit([POD.replace('NAME', 'a'), POD.replace('NAME', 'b')], 1);
    const result = runPipeline([{ path: 'bundle.yaml', text }], { catalog, config, only: ['no-privilege-escalation'] });
    const file = result.files[0];
    // Flipping `true` to `false` grows a document by one byte: the first fits, the second does not.
    expect(file?.fixes.map((f) => f.resource.name)).toEqual(['a']);
    expect(file?.skipped.map((s) => [s.resource.name, s.reason])).toEqual([
      [
        'b',
        `patch-too-large: with document 1 patched the file would be ${MAX + 1} bytes, over the ${MAX}-byte limit that every later read applies; not applied (split the file to fix the rest)`,
      ],
    ]);
    expect(file?.after).toBe(text.replace('allowPrivilegeEscalation: true', 'allowPrivilegeEscalation: false'));
  });

  test('a file over the limit is reported with its size, not parsed and not patched', () => {
    const text = `${POD.replace('NAME', 'a')}# ${'x'.repeat(MAX)}\n`;
    const result = runPipeline([{ path: 'huge.yaml', text }], { catalog, config });
    expect(result.files.map((f) => [f.path, f.changed, f.error])).toEqual([
      [
        'huge.yaml',
        false,
        {
          code: 'yaml-too-large',
          message: `file is ${Buffer.byteLength(text)} bytes, over the ${MAX}-byte limit; not parsed`,
          file: 'huge.yaml',
        },
      ],
    ]);
    expect(result.summary.errors).toBe(1);
  });
});
