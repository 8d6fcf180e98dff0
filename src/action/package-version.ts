/**
 * kubemend's version, for the SARIF log's tool driver: the `version` of the nearest package.json named
 * kubemend above this module, so it is found from `src/action/`, `dist/action/` and the bundle
 * (`dist-action/index.js`) alike. A loop, not `new URL('../../package.json', import.meta.url)`, which the
 * bundler would copy into the bundle as an asset instead of reading the package's own file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

function readPackage(file: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
  } catch {
    // No package.json here (or not JSON): keep looking further up.
    return undefined;
  }
}

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = readPackage(join(dir, 'package.json'));
    if (pkg?.name === 'kubemend' && pkg.version) return (cached = pkg.version);
    if (dirname(dir) === dir)
      throw new Error('kubemend: no package.json named kubemend above the Action (a broken install)');
  }
}
