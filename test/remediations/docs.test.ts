import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { BEGIN, controlTables, END } from './controls-doc.js';
import { catalog } from './helpers.js';

const FILE = 'docs/controls.md';

test('docs/controls.md tables match the catalog', () => {
  const text = readFileSync(FILE, 'utf8');
  const start = text.indexOf(BEGIN);
  const current = start < 0 ? '' : text.slice(start, text.indexOf(END) + END.length);
  const wanted = controlTables(catalog());
  if (process.env.UPDATE_DOCS === '1')
    writeFileSync(FILE, start < 0 ? `${text}${wanted}\n` : text.replace(current, wanted));
  else expect(current).toBe(wanted);
});
