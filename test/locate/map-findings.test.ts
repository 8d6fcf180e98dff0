import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../src/findings/index.js';
import { indexManifests, mapFindings } from '../../src/locate/index.js';
import type { Finding } from '../../src/model.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { SCANS, repoFiles, scan } from './repo.js';

const index = indexManifests(repoFiles());

function finding(extra: Partial<Finding>): Finding {
  return { tool: 'native', ruleId: 'R', remediation: 'allowprivilegeescalation-false', message: 'm', ...extra };
}

function codes(findings: Finding[], opts = {}): Array<[string, string]> {
  return mapFindings(findings, index, opts).unmapped.map((u) => [u.code, u.reason]);
}

describe('mapFindings', () => {
  it('Kubescape, Trivy and Checkov reporting the same container: exactly one fix naming all three', () => {
    const all = [
      ...scan('kubescape-file-scan.json').findings,
      ...scan('trivy-config-scan.json').findings,
      ...scan('checkov.json').findings,
    ];
    const { mapped } = mapFindings(all, index);
    const worker = mapped.filter(
      (m) => m.workload.id.name === 'worker' && m.remediation === 'allowprivilegeescalation-false',
    );
    expect(worker).toHaveLength(1);
    expect(worker[0]?.container).toEqual({ type: 'containers', name: 'worker', index: 0 });
    expect(worker[0]?.sources).toEqual([
      { tool: 'kubescape', ruleId: 'C-0016' },
      { tool: 'trivy', ruleId: 'KSV-0001' },
      { tool: 'checkov', ruleId: 'CKV_K8S_20' },
    ]);
    expect(worker[0]?.findings.map((f) => f.tool)).toEqual(['kubescape', 'trivy', 'checkov']);
    expect(worker[0]?.rule).toBe('file+doc');
    expect(worker[0]?.workload.file).toBe('deploy/worker.yaml');
    // The whole set: one fix per (workload, container, remediation).
    expect(
      mapped.map(
        (m) =>
          `${m.workload.id.name}/${m.container?.name ?? '-'}/${m.remediation} <- ${m.sources.map((s) => s.ruleId).join(',')}`,
      ),
    ).toEqual([
      'web/app/allowprivilegeescalation-false <- C-0016,KSV-0001',
      'web/log-shipper/allowprivilegeescalation-false <- C-0016,KSV-0001',
      'web/app/readonlyrootfilesystem-true <- C-0017,KSV-0014',
      'worker/worker/allowprivilegeescalation-false <- C-0016,KSV-0001,CKV_K8S_20',
      'worker/worker/cpu-limit-set <- C-0270,KSV-0011,CKV_K8S_11',
    ]);
  });

  it('stale Kubescape scan: reordered containers map by name, a removed container and a removed document are refused', () => {
    const { mapped, unmapped } = mapFindings(scan('kubescape-file-scan-stale.json').findings, index);
    // The scan's containers[0] was log-shipper; it is containers[1] now. Never app.
    expect(mapped.map((m) => [m.workload.id.name, m.container])).toEqual([
      ['web', { type: 'containers', name: 'log-shipper', index: 1 }],
    ]);
    expect(unmapped.map((u) => [u.code, u.reason])).toEqual([
      ['container-not-found', 'no container named "metrics" in Deployment/web in deploy/web.yaml now'],
      ['document-not-found', 'deploy/worker.yaml has no document 3 now; the report is stale'],
    ]);
  });

  it('stale index without a name: out of range is refused, unverifiable in a multi-container pod is refused', () => {
    const id = { kind: 'Deployment', name: 'web' };
    expect(
      codes([finding({ resource: id, container: { index: 2 } }), finding({ resource: id, container: { index: 1 } })]),
    ).toEqual([
      [
        'container-index-stale',
        'report names containers[2] but Deployment/web in deploy/web.yaml has 2 now; the report is stale',
      ],
      [
        'container-unverified',
        'report gives only containers[1], no name; Deployment/web in deploy/web.yaml has 2 containers, so the index cannot be verified against the manifest',
      ],
    ]);
    const single = mapFindings(
      [finding({ resource: { kind: 'Deployment', name: 'worker' }, container: { index: 0 } })],
      index,
    ).mapped;
    expect(single.map((m) => m.container)).toEqual([{ type: 'containers', name: 'worker', index: 0 }]);
  });

  it('a document that now holds another object is refused (identity mismatch)', () => {
    expect(
      codes([
        finding({ resource: { kind: 'Deployment', name: 'web' }, location: { path: 'deploy/web.yaml', doc: 0 } }),
      ]),
    ).toEqual([['not-a-workload', 'no pod template for Deployment/web at that place in deploy/web.yaml']]);
    expect(
      codes([
        finding({ resource: { kind: 'Deployment', name: 'old-name' }, location: { path: 'deploy/web.yaml', doc: 1 } }),
      ]),
    ).toEqual([
      [
        'identity-mismatch',
        'deploy/web.yaml now defines Deployment/web there, not Deployment/old-name; the report is stale',
      ],
    ]);
  });

  it('missing file: Trivy scan of a file no longer in the repository', () => {
    const { mapped, unmapped } = mapFindings(scan('trivy-config-scan-missing-file.json').findings, index);
    expect(mapped).toEqual([]);
    expect(unmapped.map((u) => [u.code, u.reason])).toEqual([
      [
        'file-not-found',
        'deploy/removed.yaml is not in the repository (the report may be older than the checkout, or from another directory)',
      ],
    ]);
  });

  it('file + line maps to the document, and to the List item, containing the line', () => {
    const { mapped } = mapFindings(
      [
        finding({ location: { path: 'deploy/web.yaml', startLine: 33 }, container: { name: 'log-shipper' } }),
        finding({ location: { path: 'deploy/cron.json', startLine: 27 } }),
        finding({ location: { path: 'deploy/cron.json', startLine: 6 } }),
      ],
      index,
    );
    expect(mapped.map((m) => [m.rule, m.workload.id.name, m.workload.pointer, m.container?.index ?? null])).toEqual([
      ['file+line', 'web', '', 1],
      ['file+line', 'debug', '/items/1', null],
      ['file+line', 'nightly-report', '/items/0', null],
    ]);
    expect(codes([finding({ location: { path: 'deploy/web.yaml', startLine: 5 } })])).toEqual([
      ['not-a-workload', 'no pod template for ?/? at that place in deploy/web.yaml'],
    ]);
    expect(codes([finding({ location: { path: 'deploy/web.yaml', startLine: 99 } })])).toEqual([
      ['document-not-found', 'deploy/web.yaml has no document at line 99'],
    ]);
  });

  it('identity: a manifest without namespace matches any namespace unless a more specific one exists; the rule is recorded', () => {
    const nsLess = indexManifests([
      {
        path: 'a.yaml',
        text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: i}]\n',
      },
      {
        path: 'b.yaml',
        text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  namespace: prod\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: i}]\n',
      },
    ]);
    // Checkov fills in `default` for a manifest without a namespace.
    const r = mapFindings(
      [
        finding({ resource: { kind: 'Deployment', namespace: 'default', name: 'x' } }),
        finding({ resource: { kind: 'Deployment', namespace: 'prod', name: 'x' }, remediation: 'privileged-false' }),
      ],
      nsLess,
    );
    expect(r.mapped.map((m) => [m.rule, m.workload.file])).toEqual([
      ['identity-any-namespace', 'a.yaml'],
      ['identity', 'b.yaml'],
    ]);
    expect(
      mapFindings([finding({ resource: { kind: 'Deployment', name: 'x' } })], nsLess).unmapped.map((u) => u.code),
    ).toEqual(['multiple-definitions']);
    expect(
      mapFindings(
        [finding({ resource: { kind: 'Deployment', namespace: 'ops', name: 'worker' } })],
        index,
      ).unmapped.map((u) => u.code),
    ).toEqual(['not-found']);
  });

  it('unmappable with reasons: no manifest, Helm template, kustomize overlays, outside paths, no fix, no identity', () => {
    const isIncluded = (p: string) => !p.startsWith('deploy/cron');
    expect(
      codes(
        [
          finding({ resource: { kind: 'Deployment', namespace: 'x', name: 'nowhere' } }),
          finding({ resource: { kind: 'Deployment', name: 'shop' } }),
          finding({ location: { path: 'charts/shop/templates/deployment.yaml', startLine: 9 } }),
          finding({ resource: { kind: 'Deployment', name: 'api' } }),
          finding({ location: { path: 'deploy/cron.json', doc: 0 } }),
          finding({ resource: { kind: 'Pod', namespace: 'ops', name: 'debug' } }),
          finding({ remediation: undefined, ruleId: 'C-0030' }),
          finding({}),
          finding({ location: { path: '.github/workflows/ci.yml', startLine: 1 } }),
        ],
        { isIncluded },
      ),
    ).toEqual([
      ['not-found', 'no manifest in the repository defines Deployment/x/nowhere'],
      [
        'helm-template',
        'Deployment/shop is not in a plain manifest; it is probably rendered from the Helm template charts/shop/templates/deployment.yaml',
      ],
      [
        'helm-template',
        "charts/shop/templates/deployment.yaml is a Helm template; fix the chart's values or template by hand",
      ],
      [
        'multiple-definitions',
        'Deployment/api is defined in 2 places (base/api.yaml, overlays/prod/api.yaml), e.g. kustomize overlays; kubemend does not guess which one',
      ],
      ['outside-paths', 'deploy/cron.json is outside the configured paths'],
      ['outside-paths', 'Pod/ops/debug is defined only outside the configured paths'],
      ['no-automatic-fix', 'native rule C-0030 has no automatic fix in the catalog'],
      ['no-identity', 'the finding names neither a file nor a resource'],
      ['not-kubernetes', '.github/workflows/ci.yml holds no Kubernetes objects'],
    ]);
  });
});

describe('with the real remediation catalog', () => {
  it('the three fixture scans resolve through the catalog aliases and merge into one fix per container and remediation', () => {
    const catalog = loadCatalog();
    const findings = ['kubescape-file-scan.json', 'trivy-config-scan.json', 'checkov.json'].flatMap(
      (s) =>
        parseFindings(readFileSync(`${SCANS}${s}`, 'utf8'), { resolveRule: catalog.resolveRule, source: s }).findings,
    );
    const { mapped, unmapped } = mapFindings(findings, index);
    expect(
      mapped.map(
        (m) =>
          `${m.workload.id.name}/${m.container?.name ?? '-'}/${m.remediation} <- ${m.sources.map((s) => `${s.tool}:${s.ruleId}`).join(',')}`,
      ),
    ).toEqual([
      'web/app/no-privilege-escalation <- kubescape:C-0016,trivy:KSV-0001',
      'web/log-shipper/no-privilege-escalation <- kubescape:C-0016,trivy:KSV-0001',
      'web/app/read-only-root-filesystem <- kubescape:C-0017,trivy:KSV-0014',
      'worker/worker/no-privilege-escalation <- kubescape:C-0016,trivy:KSV-0001,checkov:CKV_K8S_20',
      'worker/worker/cpu-limits <- kubescape:C-0270,trivy:KSV-0011,checkov:CKV_K8S_11',
    ]);
    expect(unmapped.map((u) => [u.code, u.finding.ruleId])).toEqual([['no-automatic-fix', 'C-0030']]);
  });
});

describe('broken documents', () => {
  it('a finding in a document that does not parse is reported as such, by line and by index', () => {
    const broken = indexManifests([
      {
        path: 'b.yaml',
        text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers: [{name: c, image: i}]\n',
      },
    ]);
    const r = mapFindings(
      [
        finding({ location: { path: 'b.yaml', startLine: 2 } }),
        finding({ location: { path: 'b.yaml', doc: 0 } }),
        finding({ location: { path: 'b.yaml', doc: 1 } }),
      ],
      broken,
    );
    expect(r.unmapped.map((u) => [u.code, u.reason.slice(0, 20)])).toEqual([
      ['file-unparseable', 'b.yaml: document 0: '],
      ['file-unparseable', 'b.yaml: document 0: '],
    ]);
    expect(r.mapped.map((m) => m.workload.id.name)).toEqual(['b']);
  });
});
