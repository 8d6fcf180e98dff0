/** Exit codes and one-line messages of the built CLI (issue 4: 0 success, 1 scan failures, 2 usage or input error). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, copyToTemp, ensureBuilt, removeTemps } from './helpers.js';

const INFRA = join(ROOT, 'examples/infra');

beforeAll(() => ensureBuilt());
afterAll(() => removeTemps());

function oneLine(text: string): void {
  expect(text.endsWith('\n')).toBe(true);
  expect(text.trimEnd().split('\n')).toHaveLength(1);
}

describe('usage errors exit 2 with one line on stderr', () => {
  it.each([
    [['scan', '--bogus'], /^kubemend scan: Unknown option '--bogus'/],
    [['frobnicate'], /^kubemend: unknown command 'frobnicate'/],
    [['scan', 'no/such/dir'], /^kubemend: .*no\/such\/dir: no such file or directory$/],
    [
      ['fix', INFRA, '--only', 'run-as-non-root,not-a-remediation'],
      /^kubemend: --only: unknown remediation id 'not-a-remediation'/,
    ],
    [['scan', INFRA, '--skip', 'nope'], /^kubemend: --skip: unknown remediation id 'nope'/],
    [['scan', INFRA, '--format', 'diff'], /^kubemend scan: --format must be one of text, json, sarif \(got 'diff'\)$/],
    [['fix', INFRA, '--format', 'sarif'], /^kubemend fix: --format must be one of text, json, diff \(got 'sarif'\)$/],
    [['scan', INFRA, '--findings', 'missing.json'], /^kubemend: --findings missing\.json: cannot read \(ENOENT\)$/],
    [['scan', INFRA, '--config', 'missing.yml'], /^kubemend: --config missing\.yml: cannot read \(ENOENT\)$/],
    [
      ['fix', INFRA, '--git', '--dry-run'],
      /^kubemend fix: --git commits the fixes; it cannot be combined with --dry-run$/,
    ],
    [['fix', INFRA, '--pr-body', 'x.md'], /^kubemend fix: --pr-body needs --git$/],
    [['scan', INFRA, '--only'], /^kubemend scan: Option '--only <value>' argument missing/],
  ])('%j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    oneLine(run.stderr);
    expect(run.stderr.trimEnd()).toMatch(message);
  });

  it('no command prints the usage on stderr and exits 2', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^kubemend: fix Kubernetes security-posture findings at the source\n\nUsage: kubemend <command>/,
    );
  });

  it('a findings file in no known format is an input error naming the file', async () => {
    const dir = copyToTemp(INFRA);
    writeFileSync(join(dir, 'scan.json'), '{"hello": "world"}');
    writeFileSync(join(dir, 'broken.json'), '{not json');
    const unknown = await cli(['scan', dir, '--findings', join(dir, 'scan.json')]);
    expect(unknown.code).toBe(2);
    oneLine(unknown.stderr);
    expect(unknown.stderr).toContain(`--findings ${join(dir, 'scan.json')}: `);
    const broken = await cli(['scan', dir, '--findings', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    oneLine(broken.stderr);
    expect(broken.stderr).toMatch(/not valid JSON/);
  });

  it('an invalid config names the file, the line, the key path and the problem', async () => {
    const dir = copyToTemp(INFRA);
    writeFileSync(join(dir, 'kubemend.yml'), 'paths:\n  include: ["**/*.yaml"]\npullRequests:\n  prLimit: 500\n');
    const run = await cli(['scan', dir, '--config', join(dir, 'kubemend.yml')]);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(
      new RegExp(
        `^kubemend: invalid config ${join(dir, 'kubemend.yml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4: pullRequests\\.prLimit: `,
      ),
    );
  });
});

describe('help and version exit 0 on stdout', () => {
  it.each(['scan', 'fix', 'plan', 'remediations', 'example'])('%s --help', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^Usage: kubemend ${command}`));
  });

  it('--version prints package.json version', async () => {
    const run = await cli(['--version']);
    expect(run).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });
});

describe('scan exit codes', () => {
  it('exits 1 when there are failures and 0 when the selected remediation passes everywhere', async () => {
    const failing = await cli(['scan', INFRA]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toBe('');
    // After fix, seccomp-runtime-default passes everywhere (others keep held-back skips, which still fail).
    const dir = copyToTemp(INFRA);
    const fixed = await cli(['fix', dir]);
    expect(fixed.code).toBe(0);
    const clean = await cli(['scan', dir, '--only', 'seccomp-runtime-default']);
    expect(clean.stdout).toBe(
      '0 fixable failures in 0 of 7 files, 0 skipped, 0 file errors, 0 unmapped findings, 0 files not scanned\n',
    );
    expect(clean.code).toBe(0);
  });
});
