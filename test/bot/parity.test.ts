/**
 * One bot core for every front (issue 11): `kubemend fix --git` on a checkout makes the pull requests the
 * App opens for the same repository: the same branches (grouping per remediation, `prLimit` respected),
 * the same committed bytes, and byte-identical bodies (metadata included) but for the commit ids.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { parseAppMeta } from '../../src/bot/pull-requests/meta.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { createHarness, type Harness } from '../app/harness.js';
import { example } from '../app/payloads.js';
import { exampleRepoFiles } from '../app/repo-files.js';

const openapi = createOpenApiValidator();
const installed = example('installation', 'created');
const [owner, name] = String(installed.repositories[0].full_name).split('/') as [string, string];
const CONFIG = 'scanOnInstall: true\n';
const repoFiles = (config: string): Record<string, string> => ({
  ...exampleRepoFiles({ withConfig: false }),
  '.github/kubemend.yml': config,
});

let app: Harness;
let dir: string;
beforeEach(async () => {
  app = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'kubemend-parity-'));
});
afterEach(() => {
  assertNoApiProblems();
  rmSync(dir, { recursive: true, force: true });
});

const git = (args: string[]) =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t.invalid',
    },
  });
const withoutCommit = (body: string) => body.replace(/"commit":"[0-9a-f]{40}"/, '"commit":"C"');

/** The bodies in a `--pr-body` file, each ending with the App's metadata comment. */
function bodiesIn(text: string): string[] {
  return text.split(/(?<=-->)\n+(?=## kubemend\n)/).map((b) => b.trimEnd());
}

/** Runs the App and `fix --git` on the same repository; asserts they made the same pull requests; returns the bodies. */
async function sameFromBoth(files: Record<string, string>): Promise<string[]> {
  {
    const gh = new FakeGitHub({ owner, repo: name, files, openapi }).intercept();
    await app.deliver('installation', installed, 'parity-1');
    expect(app.jobErrors).toEqual([]);
    const pulls = [...gh.pulls].sort((a, b) => (a.head < b.head ? -1 : 1));
    expect(pulls.length).toBeGreaterThan(1);

    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'base']);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['fix', '.', '--git', '--config', '.github/kubemend.yml', '--pr-body', 'pr.md'], {
      cwd: dir,
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      stderrIsTty: false,
    });
    expect(err.join('')).not.toMatch(/error/i);
    expect([0, 1]).toContain(code);

    // The same branches: one per remediation, the same number within prLimit; back on main afterwards.
    const branches = git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/kubemend/']).trim().split('\n');
    expect(branches).toEqual(pulls.map((p) => p.head));
    expect(git(['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('main');
    expect(out.join('')).toBe(pulls.map((p) => `${p.title}\n`).join(''));

    const bodies = bodiesIn(readFileSync(join(dir, 'pr.md'), 'utf8'));
    expect(bodies).toHaveLength(pulls.length);
    for (const [i, pr] of pulls.entries()) {
      // The same bytes on each branch, one commit each on top of main.
      const committed = gh.filesAt(pr.headSha);
      const changed = Object.keys(committed).filter((p) => committed[p] !== files[p]);
      expect(changed.length).toBeGreaterThan(0);
      for (const path of changed) expect(git(['show', `${pr.head}:${path}`])).toBe(committed[path]);
      expect(git(['rev-list', '--count', `main..${pr.head}`]).trim()).toBe('1');
      expect(git(['diff', '--name-only', 'main', pr.head]).trim().split('\n').sort()).toEqual(changed.sort());
      // The same body, metadata included (fingerprints, targets, config hash, base blob ids), but the commit.
      const body = bodies[i] as string;
      expect(withoutCommit(body)).toBe(withoutCommit(pr.body.trimEnd()));
      expect(parseAppMeta(body)?.commit).toBe(git(['rev-parse', pr.head]).trim());
    }
    return bodies;
  }
}

describe('kubemend fix --git and the App', () => {
  it('make the same pull requests from the same repository: branches, committed bytes, bodies', async () => {
    await sameFromBoth(repoFiles(CONFIG));
  });

  it("both show the repository's own severities (remediations.severity) in their bodies", async () => {
    const bodies = await sameFromBoth(
      repoFiles(`${CONFIG}remediations:\n  severity:\n    drop-capabilities: critical\n`),
    );
    expect(bodies.find((b) => b.includes('(`drop-capabilities`)'))).toContain('(severity: critical)');
  });
});
