/**
 * The compiled catalog (dist/remediations/compiled-catalog.json, written by `npm run build`): a process start
 * reads it instead of parsing and validating the built-in YAML, so it must give exactly the catalog the YAML
 * gives, and must never stand in for a text it was not compiled from.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DIR, loadCatalog, textHash, tryLoadCatalog } from '../../src/remediations/load-catalog.js';

const BUILT = new URL('../../dist/remediations/load-catalog.js', import.meta.url);
const COMPILED = new URL('../../dist/remediations/compiled-catalog.json', import.meta.url);
type Built = typeof import('../../src/remediations/load-catalog.js');

/** `npm test` builds first; a bare `vitest run` without a build skips these. */
describe.skipIf(!existsSync(COMPILED))('compiled catalog', () => {
  it('holds every built-in file as it is now, by the hash of its text', () => {
    const compiled = JSON.parse(readFileSync(COMPILED, 'utf8')) as {
      remediations: Record<string, unknown>;
      images: Record<string, unknown>;
    };
    const yml = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    const hashes = (dir: string) => yml(dir).map((f) => textHash(readFileSync(join(dir, f), 'utf8')));
    expect(Object.keys(compiled.remediations).sort()).toEqual(hashes(BUILTIN_DIR).sort());
    expect(Object.keys(compiled.images).sort()).toEqual(hashes(join(BUILTIN_DIR, 'images')).sort());
  });

  it('gives the catalog that parsing and validating the YAML gives', async () => {
    const built = (await import(BUILT.href)) as Built;
    const fromCompiled = built.loadCatalog();
    const fromYaml = loadCatalog();
    expect(fromCompiled.remediations).toEqual(fromYaml.remediations);
    expect(fromCompiled.images).toEqual(fromYaml.images);
    expect(fromCompiled.resolveRule('trivy', 'KSV012')).toBe('run-as-non-root');
  });

  it('validates a text it was not compiled from, even under a built-in name', async () => {
    const built = (await import(BUILT.href)) as Built;
    const text = readFileSync(join(BUILTIN_DIR, 'no-privileged.yml'), 'utf8')
      .replace(/^id: .*$/m, 'id: no-privileged-copy')
      .replace(/^severity: .*$/m, 'severity: catastrophic');
    const result = built.tryLoadCatalog({ extraFiles: [{ path: 'no-privileged.yml', text }] });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^no-privileged\.yml: severity: /),
    ]);
    // The same text fails the same way from sources, where there is no compiled catalog.
    expect(tryLoadCatalog({ extraFiles: [{ path: 'no-privileged.yml', text }] }).ok).toBe(false);
  });

  it('hands out copies: a caller changing its catalog does not change the next one', async () => {
    const built = (await import(BUILT.href)) as Built;
    const first = built.loadCatalog();
    (first.remediations[0] as { title: string }).title = 'changed';
    first.images.entries.length = 0;
    const second = built.loadCatalog();
    expect(second.remediations[0]?.title).not.toBe('changed');
    expect(second.images.entries.length).toBeGreaterThan(0);
  });
});
