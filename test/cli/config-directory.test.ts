/**
 * `remediations.directory` in the CLI means what it means to the App and the Action: a folder of the
 * repository, relative to its root, so `kubemend plan . --config .github/kubemend.yml` reads the same extra
 * files the App reads for that repository. Outside git it is relative to the config file's folder. A folder
 * that is not there is an input error naming the path looked at.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, copyToTemp, ensureBuilt, git, removeTemps } from './helpers.js';

const INFRA = join(ROOT, 'examples/infra');
const CONFIG = readFileSync(join(INFRA, '.github/kubemend.yml'), 'utf8');

beforeAll(() => ensureBuilt());
afterAll(() => removeTemps());

/** The example repository as a git work tree, with `.github/kubemend.yml` naming `.kubemend`. */
function repo(): string {
  const dir = copyToTemp(INFRA);
  git(dir, ['init', '-q']);
  return dir;
}

function withDirectory(config: string, dir: string): string {
  const out = config.replace(/^  directory: .*$/m, `  directory: ${JSON.stringify(dir)}`);
  expect(out).not.toBe(config);
  return out;
}

async function plan(cwd: string, config: string): Promise<string> {
  const run = await cli(['plan', '.', '--config', config, '--format', 'json'], cwd);
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.code);
  return run.stdout;
}

describe('remediations.directory in the CLI', () => {
  it("is relative to the repository root, as in the App: the repository's own config works from the root", async () => {
    const dir = repo();
    const got = await plan(dir, '.github/kubemend.yml');
    // The same folder named by its absolute path gives the same plan; without it the plan differs.
    writeFileSync(join(dir, 'abs.yml'), withDirectory(CONFIG, join(dir, '.kubemend')));
    expect(await plan(dir, 'abs.yml')).toBe(got);
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'none.yml'), withDirectory(CONFIG, 'empty'));
    expect(await plan(dir, 'none.yml')).not.toBe(got);
    // Run from a subfolder, the config path is relative to where kubemend runs; the folder still to the root.
    const sub = await cli(['plan', '..', '--config', '../.github/kubemend.yml', '--format', 'json'], join(dir, 'apps'));
    expect(sub.stdout).toBe(got);
  });

  it("outside git, is relative to the config file's folder", async () => {
    const dir = copyToTemp(INFRA, 'plain');
    const conf = join(dirname(dir), 'conf', 'kubemend.yml');
    mkdirSync(dirname(conf));
    cpSync(join(INFRA, '.kubemend'), join(dirname(conf), 'rem'), { recursive: true });
    writeFileSync(conf, withDirectory(CONFIG, 'rem'));
    writeFileSync(join(dir, 'abs.yml'), withDirectory(CONFIG, join(dirname(conf), 'rem')));
    expect(await plan(dir, conf)).toBe(await plan(dir, 'abs.yml'));
  });

  it('a folder that is not there is an input error naming where it was looked for', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.github/kubemend.yml'), withDirectory(CONFIG, 'nope'));
    const run = await cli(['plan', '.', '--config', '.github/kubemend.yml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `kubemend: invalid config: remediations.directory: "nope" is not a folder (${join(dir, 'nope')}; the path is relative to the repository root ${dir})\n`,
    );
  });
});
