import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';
import { KUBESCAPE_CASES } from './fixtures/kubescape-cases.js';
import { changedLines, docValues } from './helpers.js';
import { SHARED } from '../shared-dir.js';

const ROOT = SHARED + '/peers/kubescape';
const DATA = join(ROOT, 'core/pkg/fixhandler/testdata');
const manifest = JSON.parse(readFileSync(join(ROOT, 'fix-cases.json'), 'utf8')) as {
  cases: Array<{ input: string; expected: string }>;
  inlineCases: Array<{ name: string; inputText: string; expectedText?: string }>;
};

describe('kubescape fix pairs: same meaning, no more changed lines', () => {
  test('the fixture table covers all 23 pairs', () => {
    expect(manifest.cases.map((c) => c.input.replace('core/pkg/fixhandler/testdata/', '')).sort()).toEqual(
      Object.keys(KUBESCAPE_CASES).sort(),
    );
    expect(manifest.cases).toHaveLength(23);
  });

  test.each(manifest.cases.map((c) => [c.input.replace('core/pkg/fixhandler/testdata/', ''), c.expected] as const))(
    '%s',
    (input, expectedPath) => {
      const before = readFileSync(join(DATA, input), 'utf8');
      const theirs = readFileSync(join(ROOT, expectedPath), 'utf8');
      const r = applyChanges(before, KUBESCAPE_CASES[input] ?? []);
      expect(r.refused).toEqual([]);
      expect(docValues(r.text)).toEqual(docValues(theirs));
      expect(changedLines(before, r.text)).toBeLessThanOrEqual(changedLines(before, theirs));
    },
  );

  test('inline case: a top-level flow sequence gets the item in flow style, byte for byte', () => {
    const c = manifest.inlineCases.find((x) => x.name.startsWith('TestApplyFixToContent_TopLevelFlowSequence'));
    const r = applyChanges(c?.inputText ?? '', [
      { id: 'a', doc: 0, ops: [{ op: 'add', path: '/args/1', value: '--bar' }] },
    ]);
    expect(r.text).toBe(c?.expectedText);
  });

  test('inline case: a comment before the first --- is not a document; document 1 does not exist', () => {
    const c = manifest.inlineCases.find((x) => x.name.startsWith('TestApplyFixToContent_EmptyLeadingDocument'));
    const text = c?.inputText ?? '';
    const path = '/spec/template/spec/containers/0/image';
    expect(
      applyChanges(text, [{ id: 'a', doc: 1, ops: [{ op: 'replace', path, value: 'nginx:1.28' }] }]).refused.map(
        (x) => x.code,
      ),
    ).toEqual(['patch-doc-missing']);
    expect(applyChanges(text, [{ id: 'a', doc: 0, ops: [{ op: 'replace', path, value: 'nginx:1.28' }] }]).text).toBe(
      text.replace('nginx:1.27', 'nginx:1.28'),
    );
  });
});
