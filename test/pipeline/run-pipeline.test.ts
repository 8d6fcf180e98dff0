/** runPipeline on inline manifests with the real catalog and patch engine: exact bytes, findings, errors. */
import { describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../src/config/schema.js';
import type { Finding } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { MECHANICS } from '../remediations/helpers.js';

const catalog = loadCatalog();
// These tests exercise the pipeline's mechanics (rounds, findings, errors): every safety guard is lifted
// and resource values are configured. The guards are tested with the real defaults in guards.test.ts.
const config = ConfigSchema.parse(MECHANICS);

const WEB = `# web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app   # main
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: true
`;

describe('runPipeline', () => {
  it('fixes only the selected remediation with a minimal edit, every other byte kept', () => {
    const result = runPipeline([{ path: 'web.yaml', text: WEB }], {
      catalog,
      config,
      only: ['no-privilege-escalation'],
    });
    expect(result.files).toHaveLength(1);
    const file = result.files[0];
    expect(file?.after).toBe(WEB.replace('allowPrivilegeEscalation: true', 'allowPrivilegeEscalation: false'));
    expect(file?.changed).toBe(true);
    expect(file?.fixes).toEqual([
      {
        remediation: 'no-privilege-escalation',
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        container: { type: 'containers', name: 'app', index: 0 },
        reason: 'insecure-value',
        ops: [
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation',
            value: false,
          },
        ],
        doc: 0,
        behaviourChange: false,
        evidence: ['changes the explicit `allowPrivilegeEscalation: true` (opted in by the config)'],
        sources: [],
      },
    ]);
    expect(result.summary).toEqual({ files: 1, filesChanged: 1, fixes: 1, skipped: 0, errors: 0, unmapped: 0 });
  });

  it('applies every remediation and a second run finds nothing more to fix', () => {
    const first = runPipeline([{ path: 'web.yaml', text: WEB }], { catalog, config });
    expect(first.summary.fixes).toBeGreaterThan(5);
    expect(first.files[0]?.after.startsWith('# web tier\napiVersion: apps/v1\n')).toBe(true);
    expect(first.files[0]?.after).toContain('        - name: app   # main\n');
    const second = runPipeline([{ path: 'web.yaml', text: first.files[0]?.after ?? '' }], { catalog, config });
    expect(second.summary.fixes).toBe(0);
    expect(second.files[0]?.after).toBe(first.files[0]?.after);
    expect(second.files[0]?.skipped).toEqual(first.files[0]?.skipped);
  });

  it('with findings fixes only what they name, merges their sources, and reports manifests that pass as already compliant', () => {
    const findings: Finding[] = [
      {
        tool: 'kubescape',
        ruleId: 'C-0016',
        remediation: 'no-privilege-escalation',
        resource: { kind: 'Deployment', name: 'web' },
        location: { path: 'web.yaml' },
        container: { index: 0 },
        message: 'm',
      },
      {
        tool: 'trivy',
        ruleId: 'KSV-0001',
        remediation: 'no-privilege-escalation',
        location: { path: 'web.yaml', startLine: 10, endLine: 13 },
        container: { name: 'app' },
        message: "Container 'app' of Deployment 'web'",
      },
    ];
    const result = runPipeline([{ path: 'web.yaml', text: WEB }], { catalog, config, findings });
    expect(result.files[0]?.fixes.map((f) => [f.remediation, f.sources])).toEqual([
      [
        'no-privilege-escalation',
        [
          { tool: 'kubescape', ruleId: 'C-0016' },
          { tool: 'trivy', ruleId: 'KSV-0001' },
        ],
      ],
    ]);
    const fixed = result.files[0]?.after ?? '';
    const again = runPipeline([{ path: 'web.yaml', text: fixed }], { catalog, config, findings });
    expect(again.files[0]?.changed).toBe(false);
    expect(again.files[0]?.skipped.map((s) => [s.remediation, s.container?.name, s.reason])).toEqual([
      ['no-privilege-escalation', 'app', 'already compliant'],
    ]);
  });

  it('reports an unparseable file with its error and leaves it untouched; Helm templates are not patched', () => {
    const broken = `${WEB}  bad: [unclosed\n`;
    const helm = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n';
    const progress: Array<[number, number]> = [];
    const result = runPipeline(
      [
        { path: 'broken.yaml', text: broken },
        { path: 'templates/d.yaml', text: helm },
        { path: 'notes.yaml', text: 'just: data\n' },
      ],
      { catalog, config, onProgress: (done, total) => progress.push([done, total]) },
    );
    expect(result.files.map((f) => f.path)).toEqual(['broken.yaml']);
    expect(result.files[0]?.after).toBe(broken);
    expect(result.files[0]?.error?.code).toBe('yaml-parse-error');
    expect(result.summary.errors).toBe(1);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['helm-template']);
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('drops files the config excludes', () => {
    const excluded = ConfigSchema.parse({ paths: { exclude: ['legacy/**'] } });
    const result = runPipeline([{ path: 'legacy/web.yaml', text: WEB }], { catalog, config: excluded });
    expect(result.files).toEqual([]);
  });
});

describe('runPipeline with findings and a narrowed run', () => {
  const finding: Finding = {
    tool: 'trivy',
    ruleId: 'KSV-0001',
    remediation: 'no-privilege-escalation',
    location: { path: 'web.yaml' },
    container: { name: 'app' },
    message: 'm',
  };

  it('leaves out findings of remediations excluded by skip', () => {
    const result = runPipeline([{ path: 'web.yaml', text: WEB }], {
      catalog,
      config,
      findings: [finding],
      skip: ['no-privilege-escalation'],
    });
    expect(result.files[0]?.fixes).toEqual([]);
    expect(result.files[0]?.skipped).toEqual([]);
    expect(result.files[0]?.changed).toBe(false);
  });

  it('reports findings of remediations the config disables as skipped', () => {
    const disabled = ConfigSchema.parse({ remediations: { disabled: ['no-privilege-escalation'] } });
    const result = runPipeline([{ path: 'web.yaml', text: WEB }], { catalog, config: disabled, findings: [finding] });
    expect(result.files[0]?.skipped.map((s) => [s.remediation, s.reason, s.sources])).toEqual([
      ['no-privilege-escalation', 'disabled in the configuration', [{ tool: 'trivy', ruleId: 'KSV-0001' }]],
    ]);
  });
});

describe('fixes that derive a value from another field', () => {
  const POD =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: x\n    resources: {}\n';
  const resources = (after: string): unknown => {
    const m = /resources:\n([\s\S]*)$/.exec(after);
    return m?.[1];
  };

  it('a memory limit is never copied from a request kubemend itself just added', () => {
    const out = runPipeline([{ path: 'p.yaml', text: POD }], {
      catalog,
      config,
      only: ['memory-limits', 'cpu-limits', 'resource-requests'],
    });
    expect(resources(out.files[0]?.after ?? '')).toBe(
      '      limits:\n        cpu: 500m\n        memory: 512Mi\n      requests:\n        cpu: 100m\n        memory: 128Mi\n',
    );
  });

  it('by default an author-written memory request gives the limit (× requestFactor 2)', () => {
    const text = POD.replace('resources: {}', 'resources:\n      requests: {memory: 300Mi}');
    const out = runPipeline([{ path: 'p.yaml', text }], { catalog, config: defaultConfig(), only: ['memory-limits'] });
    expect(out.files[0]?.after).toBe(
      text.replace(
        '      requests: {memory: 300Mi}\n',
        '      requests: {memory: 300Mi}\n      limits:\n        memory: 600Mi\n',
      ),
    );
  });

  it('by default a container without resources gets none: four needs-value skips, bytes unchanged', () => {
    const out = runPipeline([{ path: 'p.yaml', text: POD }], {
      catalog,
      config: defaultConfig(),
      only: ['memory-limits', 'cpu-limits', 'resource-requests'],
    });
    expect(out.files[0]?.after).toBe(POD);
    expect(out.files[0]?.skipped.map((s) => [s.remediation, s.code])).toEqual([
      ['cpu-limits', 'needs-value'],
      ['memory-limits', 'needs-value'],
      ['resource-requests', 'needs-value'],
      ['resource-requests', 'needs-value'],
    ]);
  });
});
