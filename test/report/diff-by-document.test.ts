/** Diffs computed document by document: the same hunks as a whole-file diff would apply, git apply takes them. */
import { applyPatch, formatPatch, structuredPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hunksByDocument } from '../../src/report/diff-by-document.js';

const doc = (i: number, lines: number) =>
  [`kind: D${i}`, ...Array.from({ length: lines }, (_, j) => `  k${j}: v${i}-${j}`)].join('\n');

function edit(text: string, picks: number[]): string {
  const all = text.split('\n');
  for (const p of picks) {
    const i = p % all.length;
    if (!/^---/.test(all[i] ?? '')) all[i] = `${all[i]}\n  added${p}: x`;
  }
  return all.join('\n');
}

describe('hunksByDocument', () => {
  it('applies back exactly to the new text, however edits fall around the --- lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(200), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (sizes, picks, finalNewline) => {
          const before = sizes.map((n, i) => doc(i, n)).join('\n---\n') + (finalNewline ? '\n' : '\n---');
          const after = edit(before, picks);
          const hunks = hunksByDocument(before, after, 3);
          if (!hunks) return false;
          const patch = formatPatch({
            oldFileName: 'a/f',
            newFileName: 'b/f',
            oldHeader: undefined,
            newHeader: undefined,
            hunks,
          });
          return applyPatch(before, patch) === after;
        },
      ),
    );
  });

  it('gives a single document the same hunks as the whole-file diff', () => {
    const before = `${doc(0, 12)}\n`;
    const after = edit(before, [2, 9]);
    expect(hunksByDocument(before, after, 3)).toEqual(
      structuredPatch('a', 'b', before, after, undefined, undefined, { context: 3 }).hunks,
    );
  });

  it('takes full context across a --- line, so a change at a document end is not read as the end of the file', () => {
    const before = '---\nkind: A\nspec:\n  x: 1\n---\nkind: B\n';
    const after = '---\nkind: A\nspec:\n  x: 1\n  y: 2\n---\nkind: B\n';
    expect(hunksByDocument(before, after, 3)).toEqual([
      {
        oldStart: 2,
        oldLines: 5,
        newStart: 2,
        newLines: 6,
        lines: [' kind: A', ' spec:', '   x: 1', '+  y: 2', ' ---', ' kind: B'],
      },
    ]);
  });
});
