/**
 * The Kustomize model on the real layouts of ../shared/corpus/kustomize: every root renders, or is
 * reported not modelled with the kustomization and the feature that stops it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unmodelledIn } from '../../src/locate/kustomize/closure.js';
import { buildKustomizeModel, renderRoot } from '../../src/locate/kustomize/index.js';
import { SHARED } from '../shared-dir.js';

const CORPUS = join(SHARED, 'corpus', 'kustomize');

function readTree(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return readTree(full);
    return [{ path: relative(CORPUS, full).split('/').slice(1).join('/'), text: readFileSync(full, 'utf8') }];
  });
}

const layouts = readdirSync(CORPUS)
  .filter((d) => statSync(join(CORPUS, d)).isDirectory())
  .sort();

describe('Kustomize model on the corpus layouts', () => {
  for (const layout of layouts) {
    it(`${layout}: every root renders or is reported not modelled`, () => {
      const files = readTree(join(CORPUS, layout));
      const model = buildKustomizeModel(files);
      expect(model.roots.length).toBeGreaterThan(0);
      for (const root of model.roots) {
        const result = renderRoot(model, files, root);
        const why = unmodelledIn(model, root);
        console.log(
          `${layout} root '${root}': ${result.ok ? `${result.resources.length} resources` : `not rendered: ${result.reason}`}`,
        );
        if (why) expect(result).toEqual({ ok: false, reason: why });
        else expect(result.ok, result.ok ? '' : result.reason).toBe(true);
      }
    });
  }

  it('multibases: one root, prefixes composed base → environment → cluster', () => {
    const files = readTree(join(CORPUS, 'kubernetes-sigs__kustomize__examples__multibases'));
    const model = buildKustomizeModel(files);
    expect(model.roots).toEqual(['']);
    const result = renderRoot(model, files, '');
    if (!result.ok) throw new Error(result.reason);
    expect(result.resources.map((r) => r.id.name)).toEqual([
      'cluster-a-dev-myapp-pod',
      'cluster-a-staging-myapp-pod',
      'cluster-a-prod-myapp-pod',
    ]);
    expect(result.resources[0]?.sourceOf('/metadata/name')).toEqual({
      file: 'kustomization.yaml',
      doc: 0,
      pointer: '/namePrefix',
      via: 'transformer',
    });
    expect(result.resources[0]?.sourceOf('/spec/containers/0/image')).toEqual({
      file: 'base/pod.yaml',
      doc: 0,
      pointer: '/spec/containers/0/image',
      via: 'resource',
    });
  });

  it("flux apps: the HelmRelease values come from each environment's patch", () => {
    const files = readTree(join(CORPUS, 'fluxcd__flux2-kustomize-helm-example__apps'));
    const model = buildKustomizeModel(files);
    expect(model.roots.sort()).toEqual(['production', 'staging']);
    for (const env of ['production', 'staging']) {
      const result = renderRoot(model, files, env);
      if (!result.ok) throw new Error(result.reason);
      const release = result.resources.find((r) => r.id.kind === 'HelmRelease');
      expect(release?.id.namespace).toBe('podinfo');
      expect(release?.patchedBy).toEqual([{ file: `${env}/podinfo-values.yaml`, doc: 0, kind: 'strategic-merge' }]);
      expect(release?.sourceOf('/spec/values')?.file).toBe(`${env}/podinfo-values.yaml`);
    }
  });

  /** Each root's Deployment volumes and generated ConfigMap names (hashes as kustomize computes them). */
  function generated(layout: string, root: string): { volumes: unknown; configMaps: string[] } {
    const files = readTree(join(CORPUS, layout));
    const result = renderRoot(buildKustomizeModel(files), files, root);
    if (!result.ok) throw new Error(result.reason);
    const deployment = result.resources.find((r) => r.id.kind === 'Deployment')?.object as {
      spec: { template: { spec: { volumes: unknown } } };
    };
    return {
      volumes: deployment.spec.template.spec.volumes,
      configMaps: result.resources.filter((r) => r.id.kind === 'ConfigMap').map((r) => r.id.name),
    };
  }

  it('ldap: the generated ConfigMaps render, hashed, and the Deployment mounts them by their new names', () => {
    const staging = generated('kubernetes-sigs__kustomize__examples__ldap', 'overlays/staging');
    expect(staging.configMaps).toEqual(['staging-ldap-configmap-4d7m6k5b42', 'staging-env-config-42m8gk5kg2']);
    expect(staging.volumes).toContainEqual({
      name: 'configmap-volume',
      configMap: { name: 'staging-ldap-configmap-4d7m6k5b42' },
    });
    const production = generated('kubernetes-sigs__kustomize__examples__ldap', 'overlays/production');
    expect(production.configMaps).toEqual(['production-ldap-configmap-4d7m6k5b42']);
    expect(production.volumes).toContainEqual({
      name: 'configmap-volume',
      configMap: { name: 'production-ldap-configmap-4d7m6k5b42' },
    });
    expect(production.volumes).toContainEqual({
      name: 'ldap-data',
      gcePersistentDisk: { pdName: 'ldap-persistent-storage' },
    });
  });

  it('springboot: staging merges files, literals and an env file; production patches the generated data before the hash', () => {
    const staging = generated('kubernetes-sigs__kustomize__examples__springboot', 'overlays/staging');
    expect(staging.configMaps).toEqual(['staging-demo-configmap-6g68cb86kk']);
    expect(staging.volumes).toEqual([
      { name: 'demo-config', configMap: { name: 'staging-demo-configmap-6g68cb86kk' } },
    ]);
    const production = generated('kubernetes-sigs__kustomize__examples__springboot', 'overlays/production');
    expect(production.configMaps).toEqual(['production-demo-configmap-6d62b7m2kc']);
    expect(production.volumes).toEqual([
      { name: 'demo-config', configMap: { name: 'production-demo-configmap-6d62b7m2kc' } },
    ]);
  });
});
