/**
 * action.yml says what the code does: the inputs it reads, the outputs it writes, the runtime, and the
 * entry the bundle script writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_NAMES } from '../../src/action/inputs.js';
import { OUTPUT_NAMES } from '../../src/action/run-action.js';
import { ROOT, actionYml } from './action-process.js';

describe('action.yml', () => {
  const yml = actionYml();

  it('declares exactly the inputs the step reads and the outputs it writes', () => {
    expect(Object.keys(yml.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    expect(Object.keys(yml.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(yml.inputs.token?.default).toBe('${{ github.token }}');
    expect(yml.inputs.mode?.default).toBe('plan');
  });

  it('runs on node24 from the file npm run build:action writes', () => {
    expect(yml.runs.using).toBe('node24');
    expect(yml.runs.main).toBe('dist-action/index.js');
    const script = readFileSync(join(ROOT, 'scripts', 'build-action.mjs'), 'utf8');
    expect(script).toContain("join(ROOT, 'dist-action')");
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['build:action']).toBe(
      'npm run build && node scripts/build-action.mjs',
    );
  });
});
