/**
 * package.json tells the truth (issue 11, "dependencies honest"): what it names as the package's entry
 * points is built from a source file that exists, every runtime dependency is imported by src/ (at run time,
 * or for the types dist/ publishes), and src/ imports at run time no package that is not a runtime
 * dependency (a devDependency is not installed for users).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface PackageJson {
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Static imports, re-exports and dynamic imports with a literal name. Group 1 is `type ` for a type-only
 * import (erased at run time), the name is group 2 or 3.
 */
const IMPORT =
  /^\s*(?:import\s+(type\s)?(?:[^'";]*?\bfrom\s*)?|export\s+(type\s)?[^'";]*?\bfrom\s*)['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function nameOf(m: RegExpMatchArray): string | undefined {
  return packageOf(m[3] ?? m[4] ?? '');
}

function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every package src/ imports, with one file that does: at run time, and only for types. */
function imports(): { runtime: Map<string, string>; typeOnly: Set<string> } {
  const runtime = new Map<string, string>();
  const typeOnly = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const name = nameOf(m);
      if (!name) continue;
      if (m[1] || m[2]) typeOnly.add(name);
      else if (!runtime.has(name)) runtime.set(name, file.slice(ROOT.length));
    }
  }
  return { runtime, typeOnly };
}

/** The source a dist path is built from: dist/app/index.js ← src/app/index.ts (tsconfig.build.json). */
function sourceOf(distPath: string): string {
  return distPath.replace(/^\.?\/?dist\//, 'src/').replace(/\.d\.ts$|\.js$/, '.ts');
}

describe('package.json', () => {
  it('names entry points (main, types, exports, bin) built from sources that exist', () => {
    const exported = Object.values(pkg.exports ?? {}).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)));
    const entries = [pkg.main, pkg.types, ...exported, ...Object.values(pkg.bin ?? {})].filter((e): e is string => !!e);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const missing = entries
      .filter((e) => e !== './package.json')
      .map(sourceOf)
      .filter((src) => !existsSync(join(ROOT, src)));
    expect(missing).toEqual([]);
  });

  it('exports the App function Probot hosts load', async () => {
    const entry = pkg.exports?.['.'];
    const target = typeof entry === 'string' ? entry : entry?.default;
    expect(target).toBeDefined();
    const mod = (await import(join(ROOT, sourceOf(target ?? '')))) as Record<string, unknown>;
    expect(typeof mod.kubemendApp).toBe('function');
  });

  it('declares every package src/ imports at run time, and no runtime dependency src/ does not import', () => {
    const { runtime, typeOnly } = imports();
    const declared = Object.keys(pkg.dependencies ?? {});
    const undeclared = [...runtime.keys()].filter((n) => !declared.includes(n)).map((n) => `${n} (${runtime.get(n)})`);
    const unused = declared.filter((n) => !runtime.has(n) && !typeOnly.has(n));
    expect({ undeclared, unused }).toEqual({ undeclared: [], unused: [] });
  });

  it('tells value imports from type-only ones, and packages from relative paths', () => {
    const text =
      "import type { A } from 'only-types';\nimport { b } from 'a-value';\nimport c from '@scope/pkg/sub';\nexport { d } from 'reexported';\nconst e = await import('lazy');\nimport { f } from './local.js';\nimport 'side-effect';\n";
    const found = [...text.matchAll(IMPORT)].map((m) => [nameOf(m), m[1] || m[2] ? 'type' : 'value']);
    expect(found).toEqual([
      ['only-types', 'type'],
      ['a-value', 'value'],
      ['@scope/pkg', 'value'],
      ['reexported', 'value'],
      ['lazy', 'value'],
      [undefined, 'value'],
      ['side-effect', 'value'],
    ]);
  });
});
