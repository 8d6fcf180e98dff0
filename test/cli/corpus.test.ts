/** Issue 4's proof on real manifests: on copies of the shared corpus, `fix` then `scan` reports only the skipped items. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SHARED, cli, copyToTemp, ensureBuilt, removeTemps, snapshot } from './helpers.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTemps());

interface Report {
  files: Array<{
    path: string;
    changed: boolean;
    fixes: unknown[];
    skipped: Array<{ remediation: string; resource: string; container: string | null; reason: string }>;
    error?: { code: string };
  }>;
  summary: Record<string, number>;
}

function skips(r: Report): string[] {
  return r.files
    .flatMap((f) => f.skipped.map((s) => JSON.stringify([f.path, s.remediation, s.resource, s.container, s.reason])))
    .sort();
}

// One test so the corpus is fixed once: plan → git apply on one copy, fix on another, then scan.
it('plan applies with git apply and equals fix; fix then scan leaves only the skips; broken files untouched', async () => {
  const planned = copyToTemp(join(SHARED, 'corpus/files'));
  // Files that do not parse: plan and fix exit 1 (docs/cli.md), name them on stderr (plan), and do the rest.
  const plan = await cli(['plan', planned]);
  expect(plan.code).toBe(1);
  writeFileSync(join(planned, '..', 'corpus.diff'), plan.stdout);
  // The corpus holds CRLF files, a byte-order mark and files without a final newline.
  execFileSync('git', ['apply', '--whitespace=nowarn', join(planned, '..', 'corpus.diff')], { cwd: planned });

  const dir = copyToTemp(join(SHARED, 'corpus/files'));
  const fixed = await cli(['fix', dir, '--format', 'json']);
  expect(fixed.code).toBe(1);
  expect(snapshot(planned)).toEqual(snapshot(dir));
  const fix = JSON.parse(fixed.stdout) as Report;
  expect(fix.summary.filesChanged).toBeGreaterThan(300);

  const scanned = await cli(['scan', dir, '--format', 'json']);
  const scan = JSON.parse(scanned.stdout) as Report;
  expect(scan.files.flatMap((f) => f.fixes)).toEqual([]);
  expect(scan.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
  expect(skips(scan)).toEqual(skips(fix));
  // Files that do not parse are reported in both runs and were not written.
  const broken = fix.files.filter((f) => f.error).map((f) => f.path);
  expect(broken.length).toBeGreaterThan(0);
  expect(scan.files.filter((f) => f.error).map((f) => f.path)).toEqual(broken);
  for (const path of broken)
    expect(readFileSync(join(dir, path), 'latin1')).toBe(readFileSync(join(SHARED, 'corpus/files', path), 'latin1'));
  expect(
    plan.stderr
      .split('\n')
      .filter((l) => l.includes(': not patched: '))
      .map((l) => l.split(': ')[1]),
  ).toEqual(broken);
  // Skips and broken files are still failures for a gate.
  expect(scanned.code).toBe(1);
});
