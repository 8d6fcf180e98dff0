/** The progress bar: on stderr, only for a terminal and text output (in-process, with a fake terminal). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { ROOT } from './helpers.js';

function fakeIo(stderrIsTty: boolean): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd: ROOT, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTty, out, err };
}

describe('progress bar', () => {
  it('draws one frame per file on a terminal with text output, then clears its line', async () => {
    const io = fakeIo(true);
    expect(await runCli(['scan', join(ROOT, 'examples/infra')], io)).toBe(1);
    const frames = io.err.filter((t) => t.startsWith('\r['));
    // 9 YAML and JSON files: the 7 manifests, the example's .github/kubemend.yml and .kubemend/images/shop.yml.
    expect(frames).toHaveLength(9);
    expect(frames[0]).toBe(`\r[${'#'.repeat(3)}${'-'.repeat(27)}] 1/9 files`);
    expect(frames[8]).toBe(`\r[${'#'.repeat(30)}] 9/9 files`);
    expect(io.err.at(-1)).toBe(`\r${' '.repeat(60)}\r`);
    expect(io.out.join('')).not.toContain('\r');
  });

  it.each([
    ['not a terminal', false, ['scan', join(ROOT, 'examples/infra')]],
    ['json output', true, ['scan', join(ROOT, 'examples/infra'), '--format', 'json']],
    ['sarif output', true, ['scan', join(ROOT, 'examples/infra'), '--format', 'sarif']],
  ])('is not drawn for %s', async (_name, tty, args) => {
    const io = fakeIo(tty);
    expect(await runCli(args, io)).toBe(1);
    expect(io.err).toEqual([]);
  });
});
