/** Reads a chart (a fixture or a corpus chart) as a repository snapshot, optionally under a directory. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RepoFile } from '../../src/pipeline/repo-file.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}

export function readChart(dir: string, under = ''): RepoFile[] {
  return walk(dir).map((f) => ({
    path: `${under ? `${under}/` : ''}${relative(dir, f).split('\\').join('/')}`,
    text: readFileSync(f, 'utf8'),
  }));
}
