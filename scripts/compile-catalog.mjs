/**
 * Writes dist/remediations/compiled-catalog.json: what the built-in remediation and image files validate
 * to, keyed by the SHA-256 of each file's text (src/remediations/load-catalog.ts), so a process start reads
 * one JSON file instead of parsing and validating the catalog's YAML. Run by `npm run build` (postbuild).
 * Fails the build when a built-in file is invalid.
 */
import { writeFileSync } from 'node:fs';

const { compileBuiltinCatalog } = await import('../dist/remediations/load-catalog.js');
const target = new URL('../dist/remediations/compiled-catalog.json', import.meta.url);
const compiled = compileBuiltinCatalog();
writeFileSync(target, `${JSON.stringify(compiled)}\n`);
console.log(
  `compiled catalog: ${Object.keys(compiled.remediations).length} remediation files, ${Object.keys(compiled.images).length} image files`,
);
