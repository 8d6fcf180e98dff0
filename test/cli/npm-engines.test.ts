/**
 * `npm ci` on the Node the machines run (20) prints no engine warnings: `engines` and the locked
 * dependency versions agree (issue 9, section 7). npm's own check, offline, on a copy of package.json and
 * package-lock.json: `--dry-run` resolves the lock and checks every package's `engines` without
 * downloading or writing anything.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kubemend-npm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm ci', () => {
  it('prints no EBADENGINE warning for the locked dependencies on this Node', () => {
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, f), join(dir, f));
    // npm prints its warnings on stderr: take both streams, in order.
    const out = execFileSync(
      'sh',
      ['-c', 'npm ci --dry-run --ignore-scripts --offline --no-audit --no-fund --cache ./cache 2>&1'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, npm_config_engine_strict: 'false', npm_config_loglevel: 'warn' },
      },
    );
    expect(out).toMatch(/added \d+ packages/);
    expect(out).not.toMatch(/EBADENGINE/);
  });

  it("declares the Node versions probot supports, which include the machines' Node 20", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('^20.18.1 || >=22');
  });
});
