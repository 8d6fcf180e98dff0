/** The contract of scan/fix/plan on the example repo, through the built CLI: bytes, JSON, diff, SARIF, modes. */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli, copyToTemp, ensureBuilt, removeTemps, snapshot } from './helpers.js';

const INFRA = join(ROOT, 'examples/infra');

beforeAll(() => ensureBuilt());
afterAll(() => removeTemps());

interface JsonReport {
  files: Array<{
    path: string;
    changed: boolean;
    fixes: Array<{
      remediation: string;
      resource: string;
      namespace: string | null;
      container: string | null;
      ops: unknown[];
    }>;
    skipped: Array<{ remediation: string; resource: string; container: string | null; reason: string }>;
    error?: { code: string; message: string; line?: number };
  }>;
  unmapped: unknown[];
  summary: Record<string, number>;
}

/** The OASIS SARIF 2.1.0 schema (draft-07) compiled with ajv; `strict: false` for its `$schema`/`id` keywords. */
function sarifValidator(): ReturnType<Ajv.default['compile']> {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8'));
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('fix --dry-run and plan', () => {
  it('write nothing, and plan prints a diff that git apply takes and that equals what fix writes', async () => {
    const dir = copyToTemp(INFRA);
    const before = snapshot(dir);
    const dry = await cli(['fix', dir, '--dry-run', '--format', 'json']);
    expect(dry.code).toBe(0);
    const plan = await cli(['plan', dir]);
    expect(plan.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);

    expect(
      plan.stdout.startsWith(
        'diff --git a/apps/api/api.yaml b/apps/api/api.yaml\n--- a/apps/api/api.yaml\n+++ b/apps/api/api.yaml\n@@ ',
      ),
    ).toBe(true);
    const applied = copyToTemp(INFRA);
    writeFileSync(join(applied, '..', 'plan.diff'), plan.stdout);
    execFileSync('git', ['apply', '--check', join(applied, '..', 'plan.diff')], { cwd: applied });
    execFileSync('git', ['apply', join(applied, '..', 'plan.diff')], { cwd: applied });

    const fixed = await cli(['fix', dir]);
    expect(fixed.code).toBe(0);
    expect(snapshot(applied)).toEqual(snapshot(dir));
    const report = JSON.parse(dry.stdout) as JsonReport;
    const changed = report.files.filter((f) => f.changed).map((f) => f.path);
    expect([...snapshot(dir).keys()].filter((p) => snapshot(dir).get(p) !== before.get(p))).toEqual(changed);
  });
});

describe('--format json', () => {
  it('prints the exact contract shape: paths relative to the given path (outside git), Kind/name, containers/NAME, null pod-level', async () => {
    const run = await cli(['fix', copyToTemp(INFRA), '--dry-run', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(Object.keys(report)).toEqual(['files', 'unmapped', 'notScanned', 'summary']);
    expect(report.files.map((f) => f.path)).toEqual([
      'apps/api/api.yaml',
      'apps/queue/statefulset.yaml',
      'apps/web/deployment.yaml',
      'jobs/nightly-report.yaml',
      'monitoring/node-exporter.yaml',
      'platform/config.yaml',
      'platform/status-page.json',
    ]);
    const web = report.files.find((f) => f.path === 'apps/web/deployment.yaml');
    expect(Object.keys(web ?? {})).toEqual(['path', 'changed', 'fixes', 'skipped']);
    // The first fix in a container creates securityContext; the others land inside it in the next round.
    expect(web?.fixes.slice(0, 2)).toEqual([
      {
        remediation: 'cpu-limits',
        resource: 'Deployment/web',
        namespace: 'shop',
        container: 'containers/web',
        ops: [{ op: 'add', path: '/spec/template/spec/containers/0/resources/limits/cpu', value: '500m' }],
        evidence: ['resources.limits.cpu 500m = 2 × resources.requests.cpu 250m'],
      },
      {
        remediation: 'drop-capabilities',
        resource: 'Deployment/web',
        namespace: 'shop',
        container: 'containers/web',
        ops: [
          {
            op: 'add',
            path: '/spec/template/spec/containers/0/securityContext',
            value: { capabilities: { drop: ['ALL'] } },
          },
        ],
        evidence: [],
      },
    ]);
    expect(web?.fixes.find((f) => f.remediation === 'no-privilege-escalation')?.ops).toEqual([
      { op: 'add', path: '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', value: false },
    ]);
    const api = report.files.find((f) => f.path === 'apps/api/api.yaml');
    expect(api?.fixes.find((f) => f.remediation === 'seccomp-runtime-default')).toEqual({
      remediation: 'seccomp-runtime-default',
      resource: 'Deployment/api',
      namespace: 'shop',
      container: null,
      ops: [
        {
          op: 'add',
          path: '/spec/template/spec/securityContext',
          value: { seccompProfile: { type: 'RuntimeDefault' } },
        },
      ],
      evidence: [],
    });
    // The explicit `allowPrivilegeEscalation: true` of container api is kept and reported.
    expect(
      api?.skipped
        .filter((s) => s.container === 'containers/api')
        .map((s) => [s.remediation, (s as { code?: string }).code]),
    ).toEqual([['no-privilege-escalation', 'explicit-value']]);
    const exporter = report.files.find((f) => f.path === 'monitoring/node-exporter.yaml');
    const exempted = exporter?.skipped.filter((s) => (s as { code?: string }).code === 'exempted');
    expect(exempted?.map((s) => [s.remediation, s.container])).toEqual([['no-host-namespaces', null]]);
    expect(exempted?.[0]?.reason).toBe(
      'exempted by annotation kubemend.io/ignore: "no-host-namespaces" on the object metadata',
    );
    expect(report.summary).toEqual({
      files: 7,
      filesChanged: 6,
      fixes: report.files.reduce((n, f) => n + f.fixes.length, 0),
      skipped: report.files.reduce((n, f) => n + f.skipped.length, 0),
      errors: 0,
      unmapped: 0,
      notScanned: 0,
    });
  });
});

describe('invalid YAML', () => {
  it('is reported with its error and left byte-for-byte untouched while other files are fixed', async () => {
    const dir = copyToTemp(INFRA);
    const broken =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x\n        image: [unclosed\n';
    writeFileSync(join(dir, 'apps/broken.yaml'), broken);
    // docs/cli.md: fix exits 1 when a file could not be processed; every other file is still fixed.
    const run = await cli(['fix', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const entry = report.files.find((f) => f.path === 'apps/broken.yaml');
    expect(entry?.changed).toBe(false);
    expect(entry?.fixes).toEqual([]);
    expect(entry?.error?.code).toBe('yaml-parse-error');
    expect(entry?.error?.line).toBe(11);
    expect(readFileSync(join(dir, 'apps/broken.yaml'), 'utf8')).toBe(broken);
    expect(report.summary.errors).toBe(1);
    expect(report.summary.filesChanged).toBe(6);
    const scan = await cli(['scan', dir, '--format', 'sarif']);
    const sarif = JSON.parse(scan.stdout);
    expect(sarifValidator()(sarif)).toBe(true);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: `apps/broken.yaml: ${entry?.error?.message}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'apps/broken.yaml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 11 },
            },
          },
        ],
      },
    ]);
    // A diff cannot show a file it did not patch: plan names it on stderr.
    const plan = await cli(['plan', dir]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toBe(`kubemend: apps/broken.yaml: not patched: ${entry?.error?.message}\n`);
  });
});

describe('atomic writes', () => {
  it('keep each file mode and leave no temporary files', async () => {
    const dir = copyToTemp(INFRA);
    chmodSync(join(dir, 'apps/web/deployment.yaml'), 0o640);
    chmodSync(join(dir, 'jobs/nightly-report.yaml'), 0o604);
    const before = [...snapshot(dir).keys()];
    const run = await cli(['fix', dir]);
    expect(run.code).toBe(0);
    expect(statSync(join(dir, 'apps/web/deployment.yaml')).mode & 0o777).toBe(0o640);
    expect(statSync(join(dir, 'jobs/nightly-report.yaml')).mode & 0o777).toBe(0o604);
    expect([...snapshot(dir).keys()]).toEqual(before);
    expect(run.stdout).toMatch(
      /\n\d+ fixes applied in 6 of 7 files, \d+ skipped, 0 file errors, 0 unmapped findings, 0 files not scanned\n$/,
    );
  });
});

describe('scan --format sarif', () => {
  it('is valid SARIF 2.1.0 with rules naming controls and results with file, line, container and level', async () => {
    const run = await cli(['scan', copyToTemp(INFRA), '--format', 'sarif']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);

    const driver = sarif.runs[0].tool.driver;
    const rule = driver.rules.find((r: { id: string }) => r.id === 'no-privilege-escalation');
    expect(rule.help.text).toContain(
      '- CIS Kubernetes Benchmark 5.2.6: Minimize the admission of containers with allowPrivilegeEscalation',
    );
    expect(rule.properties['security-severity']).toBe('8.0');
    const result = sarif.runs[0].results.find(
      (r: { ruleId: string; properties: { resource: string; container: string } }) =>
        r.ruleId === 'no-privilege-escalation' && r.properties.resource === 'Deployment/web',
    );
    expect(result.level).toBe('error');
    expect(result.properties.container).toBe('containers/web');
    expect(result.ruleIndex).toBe(driver.rules.indexOf(rule));
    // Line 21 of apps/web/deployment.yaml is `        - name: web`, the container's entry.
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'apps/web/deployment.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 21 },
        },
      },
    ]);
    expect(readFileSync(join(INFRA, 'apps/web/deployment.yaml'), 'utf8').split('\n')[20]).toBe('        - name: web');
    const skippedResult = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'no-host-path');
    expect(skippedResult.properties.fixable).toBe(false);
  });
});

describe('--config', () => {
  it('applies the repo severity overrides to SARIF levels and its ignore list to the fixes', async () => {
    const dir = copyToTemp(INFRA);
    writeFileSync(
      join(dir, '..', 'kubemend.yml'),
      'remediations:\n  severity:\n    no-privilege-escalation: low\nignore:\n  - remediation: cpu-limits\n    resource: "Deployment/web"\n    reason: bursty by design\n',
    );
    const run = await cli(['scan', dir, '--format', 'sarif', '--config', join(dir, '..', 'kubemend.yml')]);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'no-privilege-escalation');
    expect(rule.defaultConfiguration).toEqual({ level: 'note' });
    expect(rule.properties['security-severity']).toBe('3.0');
    const json = await cli(['fix', dir, '--dry-run', '--format', 'json', '--config', join(dir, '..', 'kubemend.yml')]);
    const web = (JSON.parse(json.stdout) as JsonReport).files.find((f) => f.path === 'apps/web/deployment.yaml');
    expect(web?.fixes.map((f) => f.remediation)).not.toContain('cpu-limits');
    expect(web?.skipped).toEqual([
      {
        remediation: 'cpu-limits',
        resource: 'Deployment/web',
        container: 'containers/web',
        code: 'exempted',
        reason: 'exempted by config ignore[0]: bursty by design',
      },
    ]);
  });
});

describe('text output and progress', () => {
  it('prints nothing on stderr when stderr is not a terminal', async () => {
    const run = await cli(['fix', copyToTemp(INFRA), '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'apps/web/deployment.yaml\n  would fix  Deployment/web -n shop containers/web  cpu-limits\n',
    );
    expect(run.stdout).toMatch(
      /\n\d+ fixes planned in 6 of 7 files, \d+ skipped, 0 file errors, 0 unmapped findings, 0 files not scanned\n$/,
    );
  });
});
