/**
 * Issue 15: fixes on Helm charts go into values, never into templates. The trap chart (a helper that builds
 * the container securityContext from scalars, and an override that replaces it whole) must get the scalar
 * edited, never the override; Bitnami's `enabled` flags (the real common library chart) guard contexts;
 * an Argo CD Application's value file is where that environment's fix goes. Every assertion is on bytes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, defaultConfig } from '../../src/config/schema.js';
import type { RunResult } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import type { RepoFile } from '../../src/pipeline/repo-file.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { SHARED } from '../shared-dir.js';
import { readChart } from './helm-fixture.js';

const catalog = loadCatalog();
const CHARTS = join(SHARED, 'corpus', 'helm-charts');

function optIn(...entries: Config['optIn']): Config {
  const config = defaultConfig();
  config.optIn = entries;
  return config;
}

function run(files: RepoFile[], config: Config = defaultConfig()): RunResult {
  return runPipeline(files, { catalog, config });
}

function templatesUntouched(files: RepoFile[], result: RunResult): void {
  for (const f of files.filter((x) => /\/templates\/|^templates\//.test(x.path))) {
    const r = result.files.find((x) => x.path === f.path);
    if (r) expect(r.after, f.path).toBe(f.text);
  }
}

describe('the override that replaces the whole context', () => {
  const files = readChart('test/fixtures/helm-trap');
  const values = files.find((f) => f.path === 'values.yaml')?.text ?? '';
  const config = optIn({
    remediation: 'no-privilege-escalation',
    allow: ['explicit-value'],
    path: 'templates/deployment.yaml',
  });

  it('edits the scalar the helper reads, not the override, byte for byte', () => {
    const result = run(files, config);
    const out = result.files.find((f) => f.path === 'values.yaml');
    expect(out?.after).toBe(
      values.replace('  allowPrivilegeEscalation: true\n', '  allowPrivilegeEscalation: false\n'),
    );
    expect(out?.after).toContain('containerSecurityContext: {}\n');
    expect(out?.fixes.map((f) => [f.remediation, f.ops])).toEqual([
      ['no-privilege-escalation', [{ op: 'replace', path: '/securityContext/allowPrivilegeEscalation', value: false }]],
    ]);
    expect(out?.fixes[0]?.evidence.at(-1)).toBe(
      'found at templates/_helpers.tpl line 15, included at templates/deployment.yaml line 26 on Deployment/release-name-trap as the chart defaults renders it; fixed through the value `securityContext.allowPrivilegeEscalation` in values.yaml (templates are not edited)',
    );
    templatesUntouched(files, result);
  });

  it('refuses the override for a field the helper does not write, and says so at the template line', () => {
    const result = run(files, config);
    const skipped = result.files.find((f) => f.path === 'templates/deployment.yaml')?.skipped ?? [];
    expect(skipped.map((s) => [s.remediation, s.code, s.line])).toEqual([
      ['read-only-root-filesystem', 'helm-no-value', 26],
    ]);
    expect(skipped[0]?.reason).toBe(
      'the chart offers no value for `securityContext.readOnlyRootFilesystem` that renders only this fix (templates/_helpers.tpl line 13, included at templates/deployment.yaml line 26): setting `containerSecurityContext`: templates/deployment.yaml would render /spec/template/spec/containers/0/securityContext differently than the fix',
    );
    templatesUntouched(files, result);
  });

  it('is held as an explicit value without the opt-in, reported at the value in values.yaml with its comment, and nothing is written', () => {
    const result = run(files);
    expect(result.files.filter((f) => f.changed)).toEqual([]);
    const skipped = result.files.find((f) => f.path === 'templates/deployment.yaml')?.skipped ?? [];
    expect(skipped.map((s) => s.code)).toEqual(['helm-no-value']);
    const kept = result.files.find((f) => f.path === 'values.yaml')?.skipped ?? [];
    expect(kept.map((s) => [s.remediation, s.code, s.doc, s.line, s.comment])).toEqual([
      ['no-privilege-escalation', 'explicit-value', 0, 14, 'Set to false once the app no longer forks setuid helpers.'],
    ]);
    expect(kept[0]?.reason).toContain('(the value `securityContext.allowPrivilegeEscalation`)');
  });
});

describe("Bitnami's enabled flags (bitnami/nginx with the real common library chart)", () => {
  const nginx = () => [
    ...readChart(join(CHARTS, 'bitnami__charts__nginx')),
    ...readChart(join(CHARTS, 'bitnami__charts__common'), 'charts/common'),
  ];
  const edit = (files: RepoFile[], from: string, to: string) =>
    files.map((f) => (f.path === 'values.yaml' ? { ...f, text: f.text.replace(from, to) } : f));

  it('writes a missing field into the enabled context, where the helper (omit … "enabled" | toYaml) reads it', () => {
    const files = edit(nginx(), '  seccompProfile:\n    type: "RuntimeDefault"\n## Configures', '## Configures');
    const before = files.find((f) => f.path === 'values.yaml')?.text ?? '';
    const result = run(files);
    const out = result.files.find((f) => f.path === 'values.yaml');
    expect(out?.fixes.map((f) => [f.remediation, f.ops])).toEqual([
      [
        'seccomp-runtime-default',
        [{ op: 'add', path: '/podSecurityContext/seccompProfile', value: { type: 'RuntimeDefault' } }],
      ],
    ]);
    expect(out?.after).toBe(
      before.replace(
        '  sysctls: []\n## NGINX containers',
        '  sysctls: []\n  seccompProfile:\n    type: RuntimeDefault\n## NGINX containers',
      ),
    );
    expect(out?.fixes[0]?.evidence.at(-1)).toContain(
      'found at charts/common/templates/_compatibility.tpl line 45, included at templates/deployment.yaml line 97',
    );
    templatesUntouched(files, result);
  });

  it('reports a context whose enabled flag is off, and never turns it on', () => {
    const files = edit(
      nginx(),
      'containerSecurityContext:\n  enabled: true\n',
      'containerSecurityContext:\n  enabled: false\n',
    );
    const result = run(files);
    const values = result.files.find((f) => f.path === 'values.yaml');
    expect(values?.after).not.toContain('containerSecurityContext:\n  enabled: true');
    const disabled = (result.files.find((f) => f.path === 'templates/deployment.yaml')?.skipped ?? []).filter(
      (s) => s.code === 'helm-disabled',
    );
    expect(disabled.map((s) => `${s.container?.name} ${s.remediation} line ${s.line}`).sort()).toEqual([
      'nginx drop-capabilities line 240',
      'nginx no-privilege-escalation line 240',
      'nginx read-only-root-filesystem line 240',
      'preserve-logs-symlinks drop-capabilities line 106',
      'preserve-logs-symlinks no-privilege-escalation line 106',
    ]);
    expect(disabled[0]?.reason).toMatch(
      /^the chart renders this only when `containerSecurityContext.enabled` is true \(templates\/deployment.yaml line \d+\); it is off/,
    );
    // The pod-level fixes still go through the pod's context, which is enabled.
    expect(values?.fixes.map((f) => f.ops[0]?.path).sort()).toEqual([
      '/podSecurityContext/runAsNonRoot',
      '/podSecurityContext/seccompProfile',
    ]);
    templatesUntouched(files, result);
  });
});

describe('values files named by a deployment', () => {
  const chart = readChart('test/fixtures/helm-trap', 'charts/trap');
  const prod =
    '# Production overrides for trap.\nreplicaCount: 4\n\nsecurityContext:\n  runAsUser: 20001  # the prod UID range\n';
  const app = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: trap-prod',
    'spec:',
    '  source:',
    '    repoURL: https://github.com/example/infra',
    '    path: charts/trap',
    '    helm:',
    '      valueFiles:',
    '        - values-prod.yaml',
    '  destination:',
    '    namespace: prod',
    '',
  ].join('\n');
  const files = [
    ...chart,
    { path: 'charts/trap/values-prod.yaml', text: prod },
    { path: 'apps/trap-prod.yaml', text: app },
  ];

  it("an Argo CD Application's most specific value file takes the environment's fix; the chart's values.yaml stays", () => {
    const result = run(files, optIn({ remediation: 'no-privilege-escalation', allow: ['explicit-value'] }));
    expect(result.files.find((f) => f.path === 'charts/trap/values.yaml')?.changed ?? false).toBe(false);
    const out = result.files.find((f) => f.path === 'charts/trap/values-prod.yaml');
    expect(out?.after).toBe(`${prod}  allowPrivilegeEscalation: false\n`);
    expect(out?.fixes[0]?.evidence.at(-1)).toContain(
      'on Deployment/trap-prod-trap as Argo CD Application trap-prod (apps/trap-prod.yaml) renders it',
    );
    templatesUntouched(files, result);
  });
});
