/** Loads the fixture repository (test/fixtures/scans/repo) as RepoFiles, and the scans made of it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParsedFindings, parseFindings } from '../../src/findings/index.js';
import { resolveRule } from '../findings/helpers.js';
import type { RepoFile } from '../../src/locate/index.js';

export const SCANS = fileURLToPath(new URL('../fixtures/scans/', import.meta.url));
export const REPO = join(SCANS, 'repo');

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

export function repoFiles(root = REPO): RepoFile[] {
  return walk(root).map((p) => ({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
}

export function scan(name: string): ParsedFindings {
  return parseFindings(readFileSync(join(SCANS, name), 'utf8'), { resolveRule, source: name });
}
