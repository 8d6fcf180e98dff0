/**
 * `npm run bench`: runs every benchmark module of this folder in turn (`<name>-bench.ts`, each exporting
 * `run(): Promise<void>`), or only those named on the command line: `npm run bench -- patch`.
 * Modules are found by file name so that adding a benchmark needs no edit here. Figures are printed, never
 * asserted (DEVELOPERS.md, non-negotiable 5).
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A benchmark module: prints its own table. */
export interface BenchModule {
  run(): Promise<void>;
}

const SUFFIX = '-bench.js';

/** The benchmark modules next to this file, by name (`patch` for `patch-bench.js`), in name order. */
export function benchFiles(dir: string): Array<{ name: string; file: string }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
    .map((f) => ({ name: f.slice(0, -SUFFIX.length), file: `${dir}/${f}` }));
}

async function main(names: string[]): Promise<void> {
  const all = benchFiles(dirname(fileURLToPath(import.meta.url)));
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0)
    throw new Error(`unknown bench(es): ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
  for (const b of all) {
    if (names.length > 0 && !names.includes(b.name)) continue;
    const mod = (await import(pathToFileURL(b.file).href)) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') throw new Error(`${b.file} does not export run()`);
    console.log(`\n## bench: ${b.name}`);
    await mod.run();
  }
}

await main(process.argv.slice(2));
