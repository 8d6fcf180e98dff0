/**
 * Bundles the Action (dist/action/main.js, from `npm run build`) into one file with @vercel/ncc, so the
 * runner needs no `npm install`: `npm run build:action` writes dist-action/index.js, the `runs.main` of
 * action.yml. Release tags carry it (docs/action.md, "Releasing"); the end-to-end tests bundle the current
 * source the same way and run that.
 *
 * The bundle stays in a folder directly under the package root, beside remediations/ and package.json:
 * ncc turns remediations/load-catalog.ts's `new URL('.', import.meta.url)` into an emitted asset file in
 * the bundle's folder, so the catalog is found one folder up, at `<root>/remediations` (the tests prove it).
 * Of the other assets ncc emits, the index worker is left out: it is the unbundled worker source, which
 * cannot load its imports, and without it locate/index-parallel.ts indexes on the calling thread.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'dist', 'action', 'main.js');
/** Assets ncc emits that the bundle must not carry (see above). */
const LEFT_OUT = new Set(['index-worker.js']);

/** Writes the bundle into `outDir` (Default: <root>/dist-action); resolves with the files written. */
export async function bundleAction(outDir = join(ROOT, 'dist-action')) {
  const ncc = createRequire(import.meta.url)('@vercel/ncc');
  const { code, assets } = await ncc(ENTRY, {
    cache: false,
    minify: false,
    sourceMap: false,
    sourceMapRegister: false,
    quiet: true,
  });
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const written = ['index.js'];
  await writeFile(join(outDir, 'index.js'), code);
  for (const [name, asset] of Object.entries(assets)) {
    if (LEFT_OUT.has(name)) continue;
    await mkdir(dirname(join(outDir, name)), { recursive: true });
    await writeFile(join(outDir, name), asset.source, { mode: asset.permissions });
    written.push(name);
  }
  return written.sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const files = await bundleAction(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stdout.write(`dist-action: ${files.join(', ')}\n`);
}
