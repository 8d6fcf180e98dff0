import { describe, expect, test } from 'vitest';
import { flowDepth, parseYamlFile } from '../../src/yaml.js';

describe('yaml.ts limits (checked before any parse)', () => {
  test('flowDepth counts the deepest open brackets', () => {
    expect(flowDepth('a: [1, {b: [2]}]\nc: []\n')).toBe(3);
    expect(flowDepth('a: 1\n')).toBe(0);
  });

  test('parseYamlFile reports deep flow nesting instead of parsing it', () => {
    const deep = `a: ${'{x: '.repeat(300)}1${'}'.repeat(300)}\n`;
    const parsed = parseYamlFile(deep, { file: 'deep.yaml' });
    expect(parsed.docs).toEqual([]);
    expect(parsed.diagnostics).toEqual([
      {
        code: 'yaml-too-deep',
        message: 'flow collections nest 300 deep, over the limit of 256; not parsed',
        file: 'deep.yaml',
      },
    ]);
  });

  test('parseYamlFile reports a file over the size limit', () => {
    expect(parseYamlFile('a: 1\n', { maxBytes: 3 }).diagnostics).toEqual([
      { code: 'yaml-too-large', message: 'file is 5 bytes, over the 3-byte limit; not parsed', file: undefined },
    ]);
  });
});
