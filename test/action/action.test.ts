/**
 * The Action end to end: the bundle run as a process with the environment a runner sets, on a copy of
 * examples/infra with the example Trivy report as an earlier step would leave it. Local modes (plan, fix,
 * sarif) are checked on the workspace's bytes; pull-request mode against the fake GitHub served on the
 * loopback (every request checked against GitHub's OpenAPI description): the committed bytes, the pull
 * request and its body, a second run that changes nothing, and a repository that forbids Actions to open
 * pull requests.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseAppMeta } from '../../src/bot/pull-requests/meta.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { type FakeGitHubServer, GHES_PREFIX, serveFakeGitHub } from '../github/fake-github-server.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { exampleRepoFiles } from '../app/repo-files.js';
import { ROOT, buildTestBundle, exampleWorkspace, runActionProcess } from './action-process.js';

const WEB = 'apps/web/deployment.yaml';
const FORBIDDEN = 'GitHub Actions is not permitted to create or approve pull requests.';

let bundle: Awaited<ReturnType<typeof buildTestBundle>>;
beforeAll(async () => {
  bundle = await buildTestBundle();
}, 300_000);
afterAll(() => bundle?.remove());

/** Every file of a folder, path → bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('::error'));
}

/** The example Trivy report narrowed to one rule on one file (a scan that found only that). */
function narrowTrivy(workspace: string, target: string, id: string): string {
  const report = JSON.parse(readFileSync(join(workspace, 'scans', 'trivy.json'), 'utf8')) as {
    Results: Array<{ Target: string; Misconfigurations?: Array<{ ID: string }> }>;
  };
  report.Results = report.Results.filter((r) => r.Target === target).map((r) => ({
    ...r,
    Misconfigurations: (r.Misconfigurations ?? []).filter((m) => m.ID === id),
  }));
  writeFileSync(join(workspace, 'scans', 'narrow.json'), JSON.stringify(report));
  return 'scans/narrow.json';
}

describe('plan, fix and sarif on the checkout', () => {
  it('plan changes no byte, prints the diff the runner cannot read as commands, annotates and summarises', async () => {
    const workspace = exampleWorkspace();
    const before = snapshot(workspace);
    const run = await runActionProcess({
      entry: bundle.entry,
      workspace,
      with: { mode: 'plan', findings: 'scans/trivy.json' },
    });
    expect(run.code).toBe(0);
    expect(snapshot(workspace)).toEqual(before);
    const fixes = Number(run.outputs.fixes);
    expect(fixes).toBeGreaterThan(0);
    expect(run.outputs).toEqual({ fixes: String(fixes), 'pull-request-number': '', 'sarif-file': '' });
    // The diff sits between ::stop-commands::TOKEN and ::TOKEN::.
    const [, token] = /^::stop-commands::(\S+)$/m.exec(run.stdout) ?? [];
    expect(token).toBeDefined();
    const diff = run.stdout.slice(
      run.stdout.indexOf(`::stop-commands::${token}\n`) + `::stop-commands::${token}\n`.length,
      run.stdout.indexOf(`::${token}::`),
    );
    expect(diff).toContain(`diff --git a/${WEB} b/${WEB}`);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::notice file='))).toHaveLength(fixes);
    expect(run.stdout).toContain(
      `::notice file=${WEB},line=21,title=kubemend%3A run-as-non-root::kubemend would fix: Run containers as a non-root user (Deployment/web, containers/web)`,
    );
    expect(run.summary).toContain(`### kubemend plan\n\nkubemend would fix ${fixes} findings in `);
    expect(run.summary).toContain(`| ${WEB} | `);
    expect(run.summary).toContain('```diff\ndiff --git a/apps/api/api.yaml');
    expect(errorLines(run.stdout)).toEqual([]);
  });

  it('fix writes exactly the planned changes; a second fix finds nothing', async () => {
    const workspace = exampleWorkspace();
    const before = snapshot(workspace);
    const planned = await runActionProcess({
      entry: bundle.entry,
      workspace,
      with: { mode: 'plan', findings: 'scans/trivy.json' },
    });
    const run = await runActionProcess({
      entry: bundle.entry,
      workspace,
      with: { mode: 'fix', findings: 'scans/trivy.json' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.fixes).toBe(planned.outputs.fixes);
    const after = snapshot(workspace);
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
    const tabled = [...planned.summary.matchAll(/^\| (\S+) \| \d+ \|$/gm)].map((m) => m[1]);
    expect(changed.sort()).toEqual(tabled.sort());
    const web = parse(after[WEB] ?? '') as {
      spec: { template: { spec: { containers: Array<{ securityContext?: Record<string, unknown> }> } } };
    };
    expect(web.spec.template.spec.containers[0]?.securityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
    });
    // Every line of the original is still there, in order: kubemend only adds.
    const kept = (after[WEB] ?? '').split('\n');
    let at = 0;
    for (const line of (before[WEB] ?? '').split('\n')) at = kept.indexOf(line, at) + 1;
    expect(at).toBeGreaterThan(0);
    expect(run.summary).toContain('### kubemend fix\n\nkubemend fixed ');

    const again = await runActionProcess({
      entry: bundle.entry,
      workspace,
      with: { mode: 'fix', findings: 'scans/trivy.json' },
    });
    expect(again.code).toBe(0);
    expect(again.outputs.fixes).toBe('0');
    expect(snapshot(workspace)).toEqual(after);
  });

  it('sarif writes a valid SARIF 2.1.0 log of what kubemend can fix, and names it in the outputs', async () => {
    const workspace = exampleWorkspace();
    const before = snapshot(workspace);
    const run = await runActionProcess({
      entry: bundle.entry,
      workspace,
      with: { mode: 'sarif', findings: 'scans/*.json' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs['sarif-file']).toBe('kubemend.sarif');
    const sarif = JSON.parse(readFileSync(join(workspace, 'kubemend.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ tool: { driver: { name: string; version: string } }; results: unknown[] }>;
    };
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8')) as object;
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    expect(ajv.validate(schema, sarif)).toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(sarif.runs[0]?.tool.driver).toMatchObject({ name: 'kubemend', version: pkg.version });
    expect(sarif.runs[0]?.results.length).toBeGreaterThanOrEqual(Number(run.outputs.fixes));
    const after = snapshot(workspace);
    delete after['kubemend.sarif'];
    expect(after).toEqual(before);
    expect(run.summary).toContain('SARIF written to kubemend.sarif.');
  });

  it('a wrong input is one error line naming it, and exit 1', async () => {
    const workspace = exampleWorkspace();
    const mode = await runActionProcess({ entry: bundle.entry, workspace, with: { mode: 'deploy' } });
    expect(mode.code).toBe(1);
    expect(errorLines(mode.stdout)).toEqual([
      '::error::kubemend: input mode: mode must be one of plan, fix, pull-request, sarif (got "deploy")',
    ]);
    const findings = await runActionProcess({
      entry: bundle.entry,
      workspace,
      with: { mode: 'plan', findings: 'reports/**/*.sarif' },
    });
    expect(findings.code).toBe(1);
    expect(errorLines(findings.stdout)).toEqual([
      `::error::kubemend: input findings: "reports/**/*.sarif" matches no file in the workspace (${workspace})`,
    ]);
  });
});

describe('pull-request mode', () => {
  const openapi = createOpenApiValidator('ghes-3.19');
  let server: FakeGitHubServer | undefined;
  beforeAll(() => nock.enableNetConnect('127.0.0.1'));
  afterAll(() => nock.disableNetConnect());
  afterEach(async () => {
    await server?.close();
    server = undefined;
    assertNoApiProblems();
  });

  /** The example's image knowledge, and the default grouping (one pull request per remediation) said outright. */
  const CONFIG = 'remediations:\n  directory: .kubemend\npullRequests:\n  grouping: remediation\n';

  async function fakeRepo(): Promise<{ gh: FakeGitHub; apiUrl: string }> {
    const files = { ...exampleRepoFiles(), '.github/kubemend.yml': CONFIG };
    const gh = new FakeGitHub({ owner: 'octo-org', repo: 'infra', files, openapi, botLogin: 'github-actions[bot]' });
    server = await serveFakeGitHub([gh]);
    return { gh, apiUrl: `http://${server.host}${GHES_PREFIX}` };
  }

  it('opens the pull request the App opens: its branch, the bytes fix writes, its body; a second run changes nothing', async () => {
    const { gh, apiUrl } = await fakeRepo();
    const workspace = exampleWorkspace();
    const findings = narrowTrivy(workspace, WEB, 'KSV-0012');
    const run = await runActionProcess({
      entry: bundle.entry,
      workspace,
      apiUrl,
      with: { mode: 'pull-request', findings },
    });
    expect(errorLines(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ fixes: '1', 'pull-request-number': '1', 'sarif-file': '' });
    expect(gh.pulls.map((p) => [p.number, p.head, p.base, p.state, p.user.login, p.labels])).toEqual([
      [1, 'kubemend/run-as-non-root', 'main', 'open', 'github-actions[bot]', ['security', 'kubemend']],
    ]);

    // The commit holds exactly what `fix` writes for the same report; every other file is the base's.
    const pr = gh.pulls[0]!;
    const committed = gh.filesAt(pr.headSha);
    const local = exampleWorkspace();
    writeFileSync(join(local, findings), readFileSync(join(workspace, findings)));
    writeFileSync(join(local, '.github', 'kubemend.yml'), CONFIG);
    expect(
      (await runActionProcess({ entry: bundle.entry, workspace: local, with: { mode: 'fix', findings } })).code,
    ).toBe(0);
    expect(committed[WEB]).toBe(readFileSync(join(local, WEB), 'utf8'));
    expect(committed[WEB]).toContain('runAsNonRoot: true');
    const base = { ...exampleRepoFiles(), '.github/kubemend.yml': CONFIG };
    for (const [path, text] of Object.entries(base)) if (path !== WEB) expect(committed[path]).toBe(text);

    const meta = parseAppMeta(pr.body);
    expect(meta).toMatchObject({ key: 'run-as-non-root', remediations: ['run-as-non-root'], commit: pr.headSha });
    expect(meta?.targets).toEqual([
      {
        path: WEB,
        remediation: 'run-as-non-root',
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        container: { type: 'containers', name: 'web' },
        sources: [{ tool: 'trivy', ruleId: 'KSV-0012' }],
      },
    ]);
    expect(pr.title).toMatch(/non-root/i);
    expect(pr.body).toContain(WEB);
    expect(run.summary).toContain(
      `| [#1](https://github.com/octo-org/infra/pull/1) | kubemend/run-as-non-root | created |`,
    );

    const writes = gh.writes().length;
    const again = await runActionProcess({
      entry: bundle.entry,
      workspace,
      apiUrl,
      with: { mode: 'pull-request', findings },
    });
    expect(again.code).toBe(0);
    expect(again.outputs['pull-request-number']).toBe('1');
    expect(again.summary).toContain('| kubemend/run-as-non-root | unchanged |');
    expect(gh.writes()).toHaveLength(writes);
    expect(gh.pulls).toHaveLength(1);
  });

  it('a repository that forbids Actions to open pull requests: one line naming the setting; allowed, the next run opens it', async () => {
    const { gh, apiUrl } = await fakeRepo();
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: { kind: 'status', status: 403, message: FORBIDDEN } });
    const workspace = exampleWorkspace();
    const findings = narrowTrivy(workspace, WEB, 'KSV-0012');
    const run = await runActionProcess({
      entry: bundle.entry,
      workspace,
      apiUrl,
      with: { mode: 'pull-request', findings },
    });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toEqual([
      '::error::kubemend: GitHub refused to let this workflow open the pull request (403). Enable Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests" (for an organisation, in its settings too), and give the job `permissions: pull-requests: write, contents: write`.',
    ]);
    expect(gh.pulls).toEqual([]);

    // The setting is switched on: the branch the failed run pushed is the bot's own, and is used.
    const pushed = gh.refs.get('kubemend/run-as-non-root');
    const rerun = await runActionProcess({
      entry: bundle.entry,
      workspace,
      apiUrl,
      with: { mode: 'pull-request', findings },
    });
    expect(rerun.code).toBe(0);
    expect(gh.pulls.map((p) => [p.head, p.headSha])).toEqual([['kubemend/run-as-non-root', pushed]]);
    expect([...gh.refs.keys()].filter((r) => r.startsWith('kubemend/'))).toEqual(['kubemend/run-as-non-root']);
  });

  it("refuses a person's token before any request", async () => {
    const { gh, apiUrl } = await fakeRepo();
    const run = await runActionProcess({
      entry: bundle.entry,
      workspace: exampleWorkspace(),
      apiUrl,
      token: 'ghp_personalTOKEN0123456789abcdefghijklmn',
      with: { mode: 'pull-request' },
    });
    expect(run.code).toBe(1);
    expect(errorLines(run.stdout)).toHaveLength(1);
    expect(errorLines(run.stdout)[0]).toMatch(/^::error::kubemend: input token: pull-request mode needs a bot's token/);
    expect(gh.requests).toEqual([]);
    // Only in the command that tells the runner to mask it.
    expect(run.stdout.split('\n').filter((l) => l.includes('ghp_personalTOKEN'))).toEqual([
      '::add-mask::ghp_personalTOKEN0123456789abcdefghijklmn',
    ]);
  });
});
