/**
 * Provenance of rendered fields: the file, document and pointer that last wrote each value kubemend edits,
 * through a base, an overlay's strategic-merge patch, a JSON6902 patch, a component's inline patch,
 * `$patch: delete` and the transformers.
 */
import { describe, expect, it } from 'vitest';
import { buildKustomizeModel, type RenderedResource, renderRoot } from '../../src/locate/kustomize/index.js';
import { dedent } from '../patch/helpers.js';

type Files = Record<string, string>;

function render(files: Files, root: string): RenderedResource[] {
  const list = Object.entries(files).map(([path, text]) => ({ path, text: dedent(text) }));
  const result = renderRoot(buildKustomizeModel(list), list, root);
  if (!result.ok) throw new Error(result.reason);
  return result.resources;
}

const BASE: Files = {
  'base/kustomization.yaml': `
    resources:
    - deploy.yaml
  `,
  'base/deploy.yaml': `
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 1
      template:
        spec:
          hostNetwork: true
          containers:
          - name: sidecar
            image: envoy:1.0
          - name: app
            image: shop/web:1.0
            securityContext:
              runAsNonRoot: true
              privileged: true
          volumes:
          - name: cache
            emptyDir: {}
          - name: host
            hostPath:
              path: /var/run
  `,
};

const C = '/spec/template/spec/containers';

describe('Kustomize provenance', () => {
  it('a base value comes from the base document', () => {
    const [web] = render({ ...BASE, 'prod/kustomization.yaml': 'resources:\n- ../base\n' }, 'prod');
    expect(web?.origin).toEqual({ file: 'base/deploy.yaml', doc: 0 });
    expect(web?.sourceOf(`${C}/1/securityContext/runAsNonRoot`)).toEqual({
      file: 'base/deploy.yaml',
      doc: 0,
      pointer: `${C}/1/securityContext/runAsNonRoot`,
      via: 'resource',
    });
    expect(web?.sourceOf(`${C}/1/securityContext/readOnlyRootFilesystem`)).toBeUndefined();
    expect(web?.patchedBy).toEqual([]);
  });

  it("an overlay strategic-merge patch overrides by container name; other fields stay the base's", () => {
    const [web] = render(
      {
        ...BASE,
        'prod/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: harden.yaml\n',
        'prod/harden.yaml': `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - name: app
                securityContext:
                  runAsNonRoot: false
      `,
      },
      'prod',
    );
    // kustomize merges with the patch's items first (merge2, ListIncreaseDirection prepend).
    const containers = (web?.object as { spec: { template: { spec: { containers: Array<{ name: string }> } } } }).spec
      .template.spec.containers;
    expect(containers.map((c) => c.name)).toEqual(['app', 'sidecar']);
    expect(web?.sourceOf(`${C}/0/securityContext/runAsNonRoot`)).toEqual({
      file: 'prod/harden.yaml',
      doc: 0,
      pointer: `${C}/0/securityContext/runAsNonRoot`,
      via: 'strategic-merge',
    });
    expect(web?.sourceOf(`${C}/0/securityContext/privileged`)).toEqual({
      file: 'base/deploy.yaml',
      doc: 0,
      pointer: `${C}/1/securityContext/privileged`,
      via: 'resource',
    });
    expect(web?.sourceOf(`${C}/0/image`)?.file).toBe('base/deploy.yaml');
    // An object's source is its last writer.
    expect(web?.sourceOf(`${C}/0/securityContext`)?.file).toBe('prod/harden.yaml');
    expect(web?.patchedBy).toEqual([{ file: 'prod/harden.yaml', doc: 0, kind: 'strategic-merge' }]);
  });

  it('a JSON6902 patch is the source of the values its operations write', () => {
    const [web] = render(
      {
        ...BASE,
        'prod/kustomization.yaml': `
        resources:
        - ../base
        patchesJson6902:
        - target: {group: apps, version: v1, kind: Deployment, name: web}
          path: ops.yaml
      `,
        'prod/ops.yaml': `
        - op: replace
          path: /spec/template/spec/containers/1/securityContext/privileged
          value: false
        - op: add
          path: /spec/template/spec/containers/1/securityContext/capabilities
          value:
            drop: [ALL]
      `,
      },
      'prod',
    );
    expect(web?.sourceOf(`${C}/1/securityContext/privileged`)).toEqual({
      file: 'prod/ops.yaml',
      doc: 0,
      pointer: '/0/value',
      via: 'json6902',
    });
    expect(web?.sourceOf(`${C}/1/securityContext/capabilities/drop/0`)).toEqual({
      file: 'prod/ops.yaml',
      doc: 0,
      pointer: '/1/value/drop/0',
      via: 'json6902',
    });
    expect(web?.sourceOf(`${C}/1/securityContext/runAsNonRoot`)?.file).toBe('base/deploy.yaml');
  });

  it("a component's inline patch is sourced in the component's kustomization, at the patch text", () => {
    const [web] = render(
      {
        ...BASE,
        'prod/kustomization.yaml': 'resources:\n- ../base\ncomponents:\n- ../hardening\n',
        'hardening/kustomization.yaml': `
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        patches:
        - target: {kind: Deployment}
          patch: |-
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: any
            spec:
              template:
                spec:
                  hostNetwork: false
                  automountServiceAccountToken: false
      `,
      },
      'prod',
    );
    const inline = {
      file: 'hardening/kustomization.yaml',
      doc: 0,
      via: 'strategic-merge',
      inline: { pointer: '/patches/0/patch', doc: 0 },
    };
    expect(web?.sourceOf('/spec/template/spec/hostNetwork')).toEqual({
      ...inline,
      pointer: '/spec/template/spec/hostNetwork',
    });
    expect(web?.sourceOf('/spec/template/spec/automountServiceAccountToken')).toEqual({
      ...inline,
      pointer: '/spec/template/spec/automountServiceAccountToken',
    });
    expect(web?.id.name).toBe('web');
  });

  it('$patch: delete removes a field, a list item or a resource, and their sources', () => {
    const resources = render(
      {
        ...BASE,
        'prod/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
        'prod/kustomization.yaml': 'resources:\n- ../base\n- svc.yaml\npatchesStrategicMerge:\n- delete.yaml\n',
        'prod/delete.yaml': `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - name: app
                securityContext:
                  $patch: delete
              volumes:
              - name: host
                $patch: delete
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        $patch: delete
      `,
      },
      'prod',
    );
    expect(resources.map((r) => r.id.kind)).toEqual(['Deployment']);
    const [web] = resources;
    const spec = (
      web?.object as {
        spec: { template: { spec: { volumes: unknown[]; containers: Array<Record<string, unknown>> } } };
      }
    ).spec.template.spec;
    expect(spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);
    expect(spec.containers[0]).toEqual({ name: 'app', image: 'shop/web:1.0' });
    expect(web?.sourceOf(`${C}/0/securityContext/privileged`)).toBeUndefined();
    expect(web?.sourceOf('/spec/template/spec/volumes/1')).toBeUndefined();
  });

  it('transformers are sourced at the kustomization field that set the value', () => {
    const [web] = render(
      {
        ...BASE,
        'prod/kustomization.yaml': `
        resources:
        - ../base
        namespace: shop
        namePrefix: prod-
        images:
        - name: shop/web
          newTag: "2.0"
        replicas:
        - name: web
          count: 3
      `,
      },
      'prod',
    );
    expect(web?.id).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'prod-web', namespace: 'shop' });
    const at = (pointer: string): unknown => ({ file: 'prod/kustomization.yaml', doc: 0, pointer, via: 'transformer' });
    expect(web?.sourceOf(`${C}/1/image`)).toEqual(at('/images/0'));
    expect(
      (web?.object as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec
        .containers[1]?.image,
    ).toBe('shop/web:2.0');
    expect(web?.sourceOf('/spec/replicas')).toEqual(at('/replicas/0/count'));
    expect(web?.sourceOf('/metadata/namespace')).toEqual(at('/namespace'));
    expect(web?.sourceOf(`${C}/0/image`)?.file).toBe('base/deploy.yaml');
  });
});

describe('Kustomize model', () => {
  it('finds roots and reports what it cannot model, for every root that includes it', () => {
    const files = Object.entries({
      ...BASE,
      'dev/kustomization.yaml': 'resources:\n- ../base\n- https://github.com/org/repo//deploy?ref=v1\n',
      'prod/kustomization.yaml': 'resources:\n- ../base\n- ../charts\n',
      'charts/kustomization.yaml': 'helmCharts:\n- name: redis\n  repo: https://charts.bitnami.com/bitnami\n',
      'stage/kustomization.yaml':
        'resources:\n- ../base\npatches:\n- path: p.yaml\n  target: {kind: Deployment}\n- patch: \'[{"op": "remove", "path": "/spec/replicas"}]\'\n  target: {kind: Deployment}\n',
      'stage/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    }).map(([path, text]) => ({ path, text: dedent(text) }));
    const model = buildKustomizeModel(files);
    expect(model.roots.sort()).toEqual(['dev', 'prod', 'stage']);
    expect(model.kustomizations.get('dev')?.unmodelled).toBe(
      'resources: remote base https://github.com/org/repo//deploy?ref=v1 (not in the repository)',
    );
    expect(renderRoot(model, files, 'prod')).toEqual({
      ok: false,
      reason: 'charts/kustomization.yaml: helmCharts: renders Helm charts',
    });
    expect(model.kustomizations.get('stage')?.patches).toEqual([
      { kind: 'strategic-merge', field: 'patches', file: 'stage/p.yaml', target: { kind: 'Deployment' } },
      {
        kind: 'json6902',
        field: 'patches',
        inline: true,
        text: '[{"op": "remove", "path": "/spec/replicas"}]',
        pointer: '/patches/1/patch',
        target: { kind: 'Deployment' },
      },
    ]);
    const stage = renderRoot(model, files, 'stage');
    expect(stage.ok && stage.resources[0]?.object.spec).not.toHaveProperty('replicas');
  });
});
