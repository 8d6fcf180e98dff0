/**
 * Findings on rendered resources (identity, live metadata; no file) fixed at the source through the
 * Kustomize model: the right root chosen by the GitOps marks, the edit placed in the base or the patch
 * that wrote the field, verified by rendering every root again.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSchema, type ConfigInput } from '../../src/config/schema.js';
import type { Finding, RunResult } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { collectViolations } from '../../src/pipeline/collect-violations.js';
import { indexManifests } from '../../src/locate/index-manifests.js';
import { buildKustomizeModel, renderRoot } from '../../src/locate/kustomize/index.js';
import { loadCatalog } from '../../src/remediations/index.js';

const catalog = loadCatalog();
type Files = Record<string, string>;

function run(files: Files, findings: Finding[], config: ConfigInput = {}): RunResult {
  return runPipeline(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { catalog, config: ConfigSchema.parse(config), findings },
  );
}

const deployment = (name: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/example/web:1\n${extra}`;

/** Two overlays that each define their own Deployment `web`, and the GitOps manifests that build them. */
const TWO_OVERLAYS: Files = {
  'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- deployment.yaml\n',
  'overlays/prod/deployment.yaml': deployment('web'),
  'overlays/staging/kustomization.yaml': 'namespace: staging\nresources:\n- web.yaml\n',
  'overlays/staging/web.yaml': deployment('web'),
  'gitops/argo.yaml':
    'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: shop-prod\n  namespace: argocd\nspec:\n  source:\n    repoURL: https://example.com/infra.git\n    path: overlays/prod\n',
  'gitops/flux.yaml':
    'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: shop-staging\n  namespace: flux-system\nspec:\n  path: ./overlays/staging\n',
};

function finding(live?: Finding['live'], namespace?: string): Finding {
  return {
    tool: 'kubescape',
    ruleId: 'C-0016',
    remediation: 'no-privilege-escalation',
    message: 'Allow privilege escalation',
    resource: { kind: 'Deployment', name: 'web', ...(namespace ? { namespace } : {}) },
    container: { name: 'web' },
    ...(live ? { live } : {}),
  };
}

const changed = (r: RunResult) => r.files.filter((f) => f.changed).map((f) => f.path);

describe('choosing the root a live finding came from', () => {
  it('without marks, two overlays defining the same name are a true ambiguity, refused with both candidates', () => {
    const r = run(TWO_OVERLAYS, [finding()]);
    expect(changed(r)).toEqual([]);
    expect(r.unmapped.map((u) => u.code)).toEqual(['multiple-definitions']);
    expect(r.unmapped[0]?.reason).toContain(
      'overlays/prod (from overlays/prod/deployment.yaml), overlays/staging (from overlays/staging/web.yaml)',
    );
  });

  it("Argo CD's tracking-id picks the Application's path", () => {
    const r = run(TWO_OVERLAYS, [
      finding({ labels: {}, annotations: { 'argocd.argoproj.io/tracking-id': 'shop-prod:apps/Deployment:prod/web' } }),
    ]);
    expect(changed(r)).toEqual(['overlays/prod/deployment.yaml']);
    expect(r.files.find((f) => f.changed)?.fixes[0]?.evidence).toContain(
      'changes what the Kustomize root overlays/prod renders',
    );
  });

  it("Argo CD's instance label does too", () => {
    const r = run(TWO_OVERLAYS, [finding({ labels: { 'app.kubernetes.io/instance': 'shop-prod' }, annotations: {} })]);
    expect(changed(r)).toEqual(['overlays/prod/deployment.yaml']);
  });

  it("Flux's kustomize.toolkit.fluxcd.io labels pick the Flux Kustomization's path", () => {
    const labels = {
      'kustomize.toolkit.fluxcd.io/name': 'shop-staging',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    };
    const r = run(TWO_OVERLAYS, [finding({ labels, annotations: {} })]);
    expect(changed(r)).toEqual(['overlays/staging/web.yaml']);
    expect(r.files.find((f) => f.changed)?.after).toBe(
      deployment('web', '        securityContext:\n          allowPrivilegeEscalation: false\n'),
    );
  });

  it("kustomize's origin annotation names the file the resource came from", () => {
    const r = run(TWO_OVERLAYS, [
      finding({ labels: {}, annotations: { 'config.kubernetes.io/origin': 'path: web.yaml\n' } }),
    ]);
    expect(changed(r)).toEqual(['overlays/staging/web.yaml']);
  });

  it('the namespace alone decides when the finding has one', () => {
    expect(changed(run(TWO_OVERLAYS, [finding(undefined, 'prod')]))).toEqual(['overlays/prod/deployment.yaml']);
  });
});

/** A base and two overlays; prod patches the container's securityContext. */
const BASE_AND_PATCH: Files = {
  'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
  'base/deployment.yaml': deployment('web'),
  'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n- ../../base\npatches:\n- path: hardening.yaml\n',
  'overlays/prod/hardening.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        securityContext:\n          readOnlyRootFilesystem: true\n          allowPrivilegeEscalation: true # debugging SEC-12\n',
  'overlays/staging/kustomization.yaml': 'namePrefix: staging-\nresources:\n- ../../base\n',
};

/** Trivy: staging's web keeps every capability, which no file of BASE_AND_PATCH drops. */
const drop: Finding = {
  tool: 'trivy',
  ruleId: 'KSV-0003',
  remediation: 'drop-capabilities',
  message: 'm',
  resource: { kind: 'Deployment', name: 'staging-web' },
  container: { name: 'web' },
};

describe('where the fix is written', () => {
  it('a field no file sets goes into the base, once for every environment that renders it', () => {
    const r = run(BASE_AND_PATCH, [drop, { ...drop, resource: { kind: 'Deployment', name: 'prod-web' } }]);
    expect(changed(r)).toEqual(['base/deployment.yaml']);
    const base = r.files.find((f) => f.path === 'base/deployment.yaml');
    expect(base?.after).toBe(
      deployment('web', '        securityContext:\n          capabilities:\n            drop:\n            - ALL\n'),
    );
    expect(base?.fixes).toHaveLength(1);
    expect(base?.fixes[0]?.evidence.slice(-2)).toEqual([
      'found on Deployment/staging-web as Kustomize renders it (overlays/staging); fixed where it is defined',
      'changes what the Kustomize roots overlays/prod, overlays/staging render',
    ]);
  });

  it('a value an overlay patch sets is kept by default (an explicit value), and changed in that patch when opted in', () => {
    const f = { ...finding(), resource: { kind: 'Deployment', name: 'prod-web' } };
    const held = run(BASE_AND_PATCH, [f]);
    expect(changed(held)).toEqual([]);
    expect(held.files.flatMap((x) => x.skipped.map((s) => s.code))).toEqual(['explicit-value']);
    const opted = run(BASE_AND_PATCH, [f], {
      optIn: [{ remediation: 'no-privilege-escalation', allow: ['explicit-value'] }],
    });
    expect(changed(opted)).toEqual(['overlays/prod/hardening.yaml']);
    expect(opted.files.find((x) => x.changed)?.after).toBe(
      (BASE_AND_PATCH['overlays/prod/hardening.yaml'] as string).replace(
        'allowPrivilegeEscalation: true',
        'allowPrivilegeEscalation: false',
      ),
    );
  });

  it('each fix names where it is written: the base resource, or the patch file that sets the value', () => {
    const files = Object.entries(BASE_AND_PATCH).map(([path, text]) => ({ path, text }));
    const texts = new Map(files.map((f) => [f.path, f.text]));
    const model = buildKustomizeModel(texts);
    const collected = collectViolations(indexManifests(files), {
      catalog,
      config: ConfigSchema.parse({ optIn: [{ remediation: 'no-privilege-escalation', allow: ['explicit-value'] }] }),
      isIncluded: () => true,
      kustomize: { view: { model, render: (dir) => renderRoot(model, texts, dir) }, texts },
      findings: [{ ...finding(), resource: { kind: 'Deployment', name: 'prod-web' } }, drop],
    });
    expect(
      collected.violations.map((v) => [v.remediation, v.kustomize?.renderedName, v.workload.file, v.target]),
    ).toEqual([
      [
        'no-privilege-escalation',
        'prod-web',
        'overlays/prod/hardening.yaml',
        { file: 'overlays/prod/hardening.yaml', doc: 0, pointer: '', format: 'kustomize-patch' },
      ],
      [
        'drop-capabilities',
        'staging-web',
        'base/deployment.yaml',
        { file: 'base/deployment.yaml', doc: 0, pointer: '', format: 'manifest' },
      ],
    ]);
  });

  it("a base shared with a root whose own patch sets the field: the fix becomes a patch of the finding's overlay, listed in its kustomization", () => {
    const files = {
      ...BASE_AND_PATCH,
      'overlays/prod/hardening.yaml': (BASE_AND_PATCH['overlays/prod/hardening.yaml'] as string).replace(
        '          allowPrivilegeEscalation: true # debugging SEC-12\n',
        '          capabilities: {drop: [NET_RAW]}\n',
      ),
    };
    const r = run(files, [drop]);
    expect(changed(r)).toEqual([
      'overlays/staging/kubemend-deployment-web.yaml',
      'overlays/staging/kustomization.yaml',
    ]);
    const patch = r.files.find((f) => f.path === 'overlays/staging/kubemend-deployment-web.yaml');
    expect(patch?.created).toBe(true);
    expect(patch?.after).toBe(
      '# Security fixes by kubemend for this overlay only: base/deployment.yaml is shared with roots whose own patches set these fields.\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            capabilities:\n              drop:\n                - ALL\n',
    );
    expect(r.files.find((f) => f.path === 'overlays/staging/kustomization.yaml')?.after).toBe(
      'namePrefix: staging-\nresources:\n- ../../base\npatches:\n- path: kubemend-deployment-web.yaml\n',
    );
    expect(patch?.fixes[0]?.evidence).toContain(
      'written as a patch of overlays/staging only: base/deployment.yaml is shared with overlays/prod, whose own patches set these fields',
    );
    expect(patch?.fixes[0]?.evidence.at(-1)).toBe('changes what the Kustomize root overlays/staging renders');
  });
});

describe('a base edit must be a fix in every root that renders the base', () => {
  const layout = (prod: string): Files => ({
    'base/kustomization.yaml': 'resources:\n- deploy.yaml\n',
    'base/deploy.yaml': deployment('web').replace('ghcr.io/example/web:1', 'myco/web:1'),
    'overlays/dev/kustomization.yaml': 'namePrefix: dev-\nresources:\n- ../../base\n',
    'overlays/prod/kustomization.yaml': `namePrefix: prod-\nresources:\n- ../../base\n${prod}`,
  });
  const nonRoot: Finding = {
    tool: 'x',
    ruleId: 'r',
    remediation: 'run-as-non-root',
    message: 'm',
    resource: { kind: 'Deployment', name: 'dev-web' },
    container: { name: 'web' },
  };

  it('prod swaps the image for a root one: runAsNonRoot is not written into the shared base', () => {
    const r = run(layout('images:\n- {name: myco/web, newName: redis, newTag: "7.2"}\n'), [nonRoot]);
    expect(r.files.find((f) => f.path === 'base/deploy.yaml')?.changed).toBe(false);
    const skip = r.files.flatMap((f) => f.skipped).find((s) => s.code === 'render-mismatch');
    expect(skip?.reason).toContain(
      'overlays/prod holds run-as-non-root back on Deployment/prod-web container web (image-user: image `redis:7.2` runs as root',
    );
  });

  it("kubemend's own detection does not write a base edit a root holds back (prod sets runAsUser: 0)", () => {
    const files = {
      ...layout('patches:\n- path: root.yaml\n'),
      'overlays/prod/root.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        securityContext: {runAsUser: 0}\n',
    };
    const own = runPipeline(
      Object.entries(files).map(([path, text]) => ({ path, text })),
      { catalog, config: ConfigSchema.parse({}), only: ['run-as-non-root'] },
    );
    expect(own.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
    expect(own.files.flatMap((f) => f.skipped.map((s) => s.code))).toContain('render-mismatch');
  });
});

describe('held fixes on rendered resources', () => {
  it('stay reported when another fix lands in the same base, at the file and line that hold them', () => {
    const files: Files = {
      'base/kustomization.yaml': 'resources:\n- deploy.yaml\n',
      'base/deploy.yaml': deployment('web', '      - name: cache\n        image: redis:7.2\n'),
      'prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n- ../base\n',
    };
    const f = (container: string): Finding => ({
      tool: 'x',
      ruleId: 'r',
      remediation: 'run-as-non-root',
      message: 'm',
      resource: { kind: 'Deployment', name: 'prod-web' },
      container: { name: container },
    });
    const r = run(files, [f('cache'), f('web')]);
    const base = r.files.find((x) => x.path === 'base/deploy.yaml');
    expect(base?.fixes.map((x) => x.container?.name)).toEqual(['web']);
    expect(base?.skipped.map((s) => [s.container?.name, s.code])).toEqual([['cache', 'image-user']]);
  });

  it('an explicit value an overlay patch sets is reported in that patch, with its line and comment', () => {
    const f = { ...finding(), resource: { kind: 'Deployment', name: 'prod-web' } };
    const r = run(BASE_AND_PATCH, [f]);
    const patch = r.files.find((x) => x.path === 'overlays/prod/hardening.yaml');
    expect(patch?.skipped.map((s) => [s.code, s.line, s.comment])).toEqual([
      ['explicit-value', 12, 'debugging SEC-12'],
    ]);
  });
});
