/** Kustomize patch files are marked partial whichever field of a kustomization lists them. */
import { describe, expect, it } from 'vitest';
import { indexManifests } from '../../src/locate/index-manifests.js';

const PATCH =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: "web:2"}\n';

describe('markKustomizePatches', () => {
  it.each([
    ['patches (path)', 'patches:\n- path: p/web.yaml\n  target: {kind: Deployment}\n'],
    ['patchesStrategicMerge', 'patchesStrategicMerge:\n- p/web.yaml\n'],
    ['patchesJson6902', 'patchesJson6902:\n- path: p/web.yaml\n  target: {kind: Deployment, name: web}\n'],
  ])('%s, relative to the kustomization, ../ resolved', (_field, kustomization) => {
    const index = indexManifests([
      { path: 'overlays/prod/kustomization.yaml', text: `resources: [../../base]\n${kustomization}` },
      { path: 'overlays/prod/p/web.yaml', text: PATCH },
      { path: 'base/web.yaml', text: PATCH },
    ]);
    expect(index.workloads.map((w) => [w.file, w.partial ?? null])).toEqual([
      [
        'overlays/prod/p/web.yaml',
        'a Kustomize patch listed in overlays/prod/kustomization.yaml: merged over its base, so fields it does not set come from the base',
      ],
      ['base/web.yaml', null],
    ]);
  });

  it('an inline strategic-merge patch names no file', () => {
    const index = indexManifests([
      { path: 'kustomization.yml', text: `patchesStrategicMerge:\n- |-\n${PATCH.replace(/^/gm, '  ')}` },
      { path: 'web.yaml', text: PATCH },
    ]);
    expect(index.workloads.map((w) => w.partial ?? null)).toEqual([null]);
  });
});
