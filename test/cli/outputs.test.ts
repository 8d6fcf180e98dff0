/**
 * What the outputs must get right (issue 9, section 7), through the built CLI on a real temporary git
 * repository: paths relative to the repository root whatever directory is scanned or run from (SARIF with
 * `originalUriBaseIds`, a diff that a plain `git apply` takes), symbolic links never replaced by files,
 * Helm charts rendered and fixed through their values, unmapped findings named with their identity, exit codes.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SHARED, cli, copyToTemp, ensureBuilt, git, removeTemps } from './helpers.js';

const temps: string[] = [];
beforeAll(() => ensureBuilt());
afterAll(() => {
  removeTemps();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example/${name}:1.0\n`;

const CHART = join(SHARED, 'corpus/helm-charts/prometheus-community__helm-charts__prometheus-node-exporter');

/**
 * A git repository: deploy/web.yaml; deploy/shared.yaml, a link to base/shared.yaml; deploy/leak.yaml, a link
 * out of the repository; the node-exporter chart from the corpus under charts/. One commit on main.
 */
function fixtureRepo(): { repo: string; outside: string } {
  const parent = mkdtempSync(join(tmpdir(), 'kubemend-repo-'));
  const outside = mkdtempSync(join(tmpdir(), 'kubemend-outside-'));
  temps.push(parent, outside);
  const repo = join(parent, 'repo');
  mkdirSync(repo);
  writeFileSync(join(outside, 'secret.yaml'), deployment('secret'));
  mkdirSync(join(repo, 'deploy'));
  mkdirSync(join(repo, 'base'));
  writeFileSync(join(repo, 'deploy/web.yaml'), deployment('web'));
  writeFileSync(join(repo, 'base/shared.yaml'), deployment('shared'));
  symlinkSync('../base/shared.yaml', join(repo, 'deploy/shared.yaml'));
  symlinkSync(join(outside, 'secret.yaml'), join(repo, 'deploy/leak.yaml'));
  cpSync(CHART, join(repo, 'charts/node-exporter'), { recursive: true });
  git(repo, ['init', '-q']);
  git(repo, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial']);
  return { repo, outside };
}

function sarifValidator(): ReturnType<Ajv.default['compile']> {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8'));
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const ONLY = ['--only', 'no-privilege-escalation'];

describe('paths relative to the repository root', () => {
  it('scan deploy/ --format sarif names files as code scanning does, run from the root or from deploy/', async () => {
    const { repo } = fixtureRepo();
    const fromRoot = await cli(['scan', 'deploy/', '--format', 'sarif', ...ONLY], repo);
    const fromSub = await cli(['scan', '.', '--format', 'sarif', ...ONLY], join(repo, 'deploy'));
    expect(fromRoot.code).toBe(1);
    expect(fromSub.stdout).toBe(fromRoot.stdout);
    const sarif = JSON.parse(fromRoot.stdout);
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const run = sarif.runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(realpathSync(repo)).href}/` } });
    // deploy/shared.yaml is read as the file it links to; every uri is a path in the repository.
    expect(
      run.results.map(
        (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }) =>
          r.locations[0]?.physicalLocation.artifactLocation,
      ),
    ).toEqual([
      { uri: 'base/shared.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' },
    ]);
    for (const r of run.results)
      expect(
        git(repo, ['ls-files', '--error-unmatch', r.locations[0].physicalLocation.artifactLocation.uri]).trim(),
      ).toBe(r.locations[0].physicalLocation.artifactLocation.uri);
    // The link out of the repository is not read, and says so.
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text: expect.stringMatching(
            /^deploy\/leak\.yaml: not scanned \(outside-root\): symbolic link to \S+secret\.yaml, outside the repository \S+; not read or written$/,
          ),
        },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/leak.yaml', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('plan deploy/ prints the same diff from the root and from deploy/, and a plain git apply takes it at the root', async () => {
    const { repo } = fixtureRepo();
    const fromRoot = await cli(['plan', 'deploy/', ...ONLY], repo);
    const fromSub = await cli(['plan', '.', ...ONLY], join(repo, 'deploy'));
    expect(fromRoot.code).toBe(0);
    expect(fromSub.stdout).toBe(fromRoot.stdout);
    expect(fromRoot.stdout.match(/^diff --git .*$/gm)).toEqual([
      'diff --git a/base/shared.yaml b/base/shared.yaml',
      'diff --git a/deploy/web.yaml b/deploy/web.yaml',
    ]);
    expect(fromRoot.stderr).toMatch(/^kubemend: deploy\/leak\.yaml: not scanned \(outside-root\): symbolic link to /);
    writeFileSync(join(repo, '..', 'plan.diff'), fromRoot.stdout);
    execFileSync('git', ['apply', join(repo, '..', 'plan.diff')], { cwd: repo });
    const added = '          securityContext:\n            allowPrivilegeEscalation: false\n';
    expect(readFileSync(join(repo, 'base/shared.yaml'), 'utf8')).toBe(deployment('shared') + added);
    expect(readFileSync(join(repo, 'deploy/web.yaml'), 'utf8')).toBe(deployment('web') + added);
    expect(lstatSync(join(repo, 'deploy/shared.yaml')).isSymbolicLink()).toBe(true);
  });
});

describe('symbolic links', () => {
  it('fix patches the file a link names and leaves the link a link', async () => {
    const { repo, outside } = fixtureRepo();
    const run = await cli(['fix', 'deploy', ...ONLY], repo);
    expect(run.code).toBe(0);
    expect(lstatSync(join(repo, 'deploy/shared.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(repo, 'deploy/shared.yaml'))).toBe('../base/shared.yaml');
    expect(readFileSync(join(repo, 'base/shared.yaml'), 'utf8')).toContain('allowPrivilegeEscalation: false');
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe(deployment('secret'));
    expect(git(repo, ['status', '--porcelain'])).toBe(' M base/shared.yaml\n M deploy/web.yaml\n');
  });

  it('fix --git commits the target, keeps mode 120000 for the link, and names the link out of the repository', async () => {
    const { repo } = fixtureRepo();
    const base = git(repo, ['rev-parse', 'HEAD']).trim();
    const run = await cli(['fix', 'deploy', '--git', '--pr-body', '../pr.md', ...ONLY], repo);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^kubemend: committed [0-9a-f]{12} on branch kubemend\/no-privilege-escalation\nkubemend: deploy\/leak\.yaml: not scanned \(outside-root\): /,
    );
    expect(git(repo, ['diff', '--name-only', base, 'HEAD'])).toBe('base/shared.yaml\ndeploy/web.yaml\n');
    expect(git(repo, ['ls-tree', 'HEAD', 'deploy/shared.yaml'])).toMatch(
      /^120000 blob [0-9a-f]{40}\tdeploy\/shared\.yaml\n$/,
    );
    expect(git(repo, ['status', '--porcelain'])).toBe('');
  });
});

describe('Helm charts', () => {
  const templates = execFileSync('grep', ['-l', '{{', '-r', '--include=*.yaml', 'templates'], {
    cwd: CHART,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map((p) => `charts/node-exporter/${p}`)
    .sort();

  it('scan of a chart directory renders it and reports the findings on its templates with the values that fix them (issue 15), and exits 1', async () => {
    const { repo } = fixtureRepo();
    const text = await cli(['scan', 'charts/node-exporter'], repo);
    expect(text.code).toBe(1);
    expect(templates.length).toBeGreaterThan(10);
    expect(text.stdout).toContain(
      'charts/node-exporter/values.yaml\n  fail       DaemonSet/release-name-prometheus-node-exporter -n default containers/node-exporter  drop-capabilities\n',
    );
    expect(text.stdout).toContain(
      '  check      DaemonSet/release-name-prometheus-node-exporter -n default containers/node-exporter  no-privilege-escalation: found at charts/node-exporter/templates/daemonset.yaml line 117 on DaemonSet/release-name-prometheus-node-exporter as the chart defaults renders it; fixed through the value `containerSecurityContext.allowPrivilegeEscalation` in charts/node-exporter/values.yaml (templates are not edited)\n',
    );
    expect(text.stdout).toContain('cpu-limits [needs-value]: no value to write');
    expect(
      text.stdout.endsWith(
        '3 fixable failures in 1 of 2 files, 6 skipped, 0 file errors, 0 unmapped findings, 0 files not scanned\n',
      ),
    ).toBe(true);
    const json = JSON.parse((await cli(['scan', 'charts/node-exporter', '--format', 'json'], repo)).stdout);
    expect(json.notScanned).toEqual([]);
    expect(json.summary).toMatchObject({ files: 2, fixes: 3, notScanned: 0 });
  });

  it("a finding on a chart template is fixed through the chart's values, never in the template", async () => {
    const { repo } = fixtureRepo();
    const target = 'charts/node-exporter/templates/daemonset.yaml';
    const trivy = {
      SchemaVersion: 2,
      ArtifactName: '.',
      ArtifactType: 'filesystem',
      Results: [
        {
          Target: target,
          Class: 'config',
          Type: 'helm',
          Misconfigurations: [
            {
              Type: 'Helm Security Check',
              ID: 'KSV-0001',
              Title: 'Can elevate its own privileges',
              Message:
                "Container 'node-exporter' of DaemonSet 'node-exporter' should set 'securityContext.allowPrivilegeEscalation' to false",
              Severity: 'MEDIUM',
              Status: 'FAIL',
              CauseMetadata: { Provider: 'Kubernetes', Service: 'general', StartLine: 40, EndLine: 60 },
            },
          ],
        },
      ],
    };
    writeFileSync(join(repo, '..', 'trivy.json'), JSON.stringify(trivy));
    const json = await cli(['fix', '.', '--dry-run', '--format', 'json', '--findings', '../trivy.json'], repo);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.unmapped).toEqual([]);
    expect(
      report.files
        .filter((f: { changed: boolean }) => f.changed)
        .map((f: { path: string; fixes: Array<{ remediation: string }> }) => [
          f.path,
          f.fixes.map((x) => x.remediation),
        ]),
    ).toEqual([['charts/node-exporter/values.yaml', ['no-privilege-escalation']]]);
    const plan = await cli(['plan', '.', '--findings', '../trivy.json'], repo);
    expect(plan.stdout).toBe(
      'diff --git a/charts/node-exporter/values.yaml b/charts/node-exporter/values.yaml\n--- a/charts/node-exporter/values.yaml\n+++ b/charts/node-exporter/values.yaml\n@@ -365,6 +365,7 @@\n \n containerSecurityContext:\n   readOnlyRootFilesystem: true\n+  allowPrivilegeEscalation: false\n   # capabilities:\n   #   add:\n   #   - SYS_TIME\n',
    );
  });
});

describe('exit codes', () => {
  it('fix and plan exit 1 when a file cannot be read, and still process the others', async () => {
    const dir = copyToTemp(join(ROOT, 'examples/infra'));
    symlinkSync('missing.yaml', join(dir, 'apps/dangling.yaml'));
    const plan = await cli(['plan', dir, ...ONLY]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/^diff --git a\/apps\/api\/api\.yaml /);
    expect(plan.stderr).toBe(
      'kubemend: apps/dangling.yaml: not scanned (unreadable): cannot be read: symbolic link to a missing file\n',
    );
  });
});
