import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expect, test } from 'vitest';
import type { Operation } from '../../src/model.js';
import { applyChanges, type Change } from '../../src/patch/index.js';
import { patched } from './helpers.js';
import { SHARED } from '../shared-dir.js';

const ROOT = SHARED + '/corpus/files';
const VALUES: unknown[] = ['x', 1, true, null, { a: [1, 'b'] }, [], {}, 'multi\nline', 'yes', "it's"];
const ADDED: unknown[] = [{ k: 'v', n: [1, 2] }, 'plain', [], {}, ['a', { b: 1 }]];
const ITEMS: unknown[] = [{ name: 'n', image: 'i' }, 'ALL', 7];

/** A small deterministic generator (LCG), so that failures reproduce. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

function esc(k: string | number): string {
  return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

function paths(v: unknown, p: string, out: Array<[string, unknown]>): Array<[string, unknown]> {
  out.push([p, v]);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, `${p}/${i}`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, `${p}/${esc(k)}`, out);
  return out;
}

function values(text: string): unknown[] | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: true, logLevel: 'error' });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  return docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
}

function randomOps(rnd: (n: number) => number, all: Array<[string, unknown]>): Operation[] {
  const ops: Operation[] = [];
  for (let i = 0, n = 1 + rnd(4); i < n; i++) {
    const [p, x] = all[rnd(all.length)] as [string, unknown];
    const kind = rnd(4);
    if (kind === 0) ops.push({ op: 'remove', path: p });
    else if (kind === 1) ops.push({ op: 'replace', path: p, value: VALUES[rnd(VALUES.length)] });
    else if (kind === 2 && x && typeof x === 'object' && !Array.isArray(x))
      ops.push({ op: 'add', path: `${p}/zz${i}`, value: ADDED[rnd(ADDED.length)] });
    else if (Array.isArray(x))
      ops.push({ op: 'add', path: `${p}/${rnd(2) ? '-' : rnd(x.length + 1)}`, value: ITEMS[rnd(ITEMS.length)] });
  }
  return ops;
}

test('random edits anywhere in every corpus file: applied and exact, or refused with the text unchanged', () => {
  const rnd = random(12345);
  const files = readdirSync(ROOT)
    .flatMap((d) => readdirSync(join(ROOT, d)).map((f) => join(ROOT, d, f)))
    .sort();
  const problems: string[] = [];
  let applied = 0;
  for (let round = 0; round < 2; round++) {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const before = values(text);
      if (!before) continue;
      const doc = rnd(before.length);
      const all = paths(before[doc], '', []).filter(([p]) => p !== '');
      if (all.length === 0) continue;
      const changes: Change[] = randomOps(rnd, all).map((op, i) => ({ id: `c${i}`, doc, ops: [op] }));
      const r = applyChanges(text, changes);
      applied += r.applied.length;
      if (r.applied.length === 0) {
        if (r.text !== text) problems.push(`${file}: refused but changed`);
        continue;
      }
      const ops = changes.filter((c) => r.applied.includes(c.id)).flatMap((c) => c.ops);
      const want = before.map((v, i) => (i === doc ? patched(v, ops) : v));
      if (JSON.stringify(values(r.text)) !== JSON.stringify(want)) problems.push(`${file}: ${JSON.stringify(ops)}`);
    }
  }
  expect(problems).toEqual([]);
  expect(applied).toBeGreaterThan(700);
});
