/**
 * Values layers and values edits: which files a chart is rendered with for each release the repository
 * describes (Argo CD, Flux, helmfile), and the RFC 6902 ops a values edit becomes in the layer that takes it.
 */
import { describe, expect, it } from 'vitest';
import { findCharts } from '../../src/locate/helm/charts.js';
import { valuesOps } from '../../src/locate/helm/values-edit.js';
import { releasesOf } from '../../src/locate/helm/values-layers.js';

const chartFiles = [
  { path: 'charts/web/Chart.yaml', text: 'apiVersion: v2\nname: web\nversion: 1.0.0\n' },
  { path: 'charts/web/values.yaml', text: 'replicaCount: 1\n' },
  { path: 'charts/web/templates/deployment.yaml', text: 'kind: Deployment\n' },
  { path: 'charts/web/values-prod.yaml', text: 'replicaCount: 3\n' },
];

describe('releases and their values layers', () => {
  it('without a deployment: the chart defaults, its values.yaml alone', () => {
    const [chart] = findCharts(chartFiles);
    expect(chart && releasesOf(chart, chartFiles)).toEqual([
      {
        name: 'release-name',
        namespace: 'default',
        via: 'the chart defaults',
        layers: [{ file: 'charts/web/values.yaml', doc: 0, pointer: '' }],
        unreadable: [],
      },
    ]);
  });

  it('Argo CD valueFiles, Flux inline values, helmfile values files; a missing file is unreadable', () => {
    const argo =
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web-prod\nspec:\n  source:\n    path: charts/web\n    helm:\n      valueFiles: [values-prod.yaml, missing.yaml, $values/env/x.yaml]\n  destination:\n    namespace: prod\n';
    const flux =
      '---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: staging\nspec:\n  chart:\n    spec:\n      chart: ./charts/web\n  values:\n    replicaCount: 2\n  valuesFrom:\n    - kind: ConfigMap\n      name: web-values\n';
    const helmfile =
      'releases:\n  - name: web-dev\n    namespace: dev\n    chart: ./charts/web\n    values:\n      - charts/web/values-prod.yaml\n';
    const files = [
      ...chartFiles,
      { path: 'apps/web.yaml', text: argo },
      {
        path: 'clusters/web.yaml',
        text: `${flux}---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  targetNamespace: apps\n  chart:\n    spec:\n      chart: ./charts/web\n`,
      },
      { path: 'helmfile.yaml', text: helmfile },
    ];
    const [chart] = findCharts(files);
    const releases = chart ? releasesOf(chart, files) : [];
    expect(releases.map((r) => r.fluxRelease)).toEqual([
      undefined,
      { name: 'web', namespace: 'staging' },
      { name: 'web', namespace: 'flux-system' },
      undefined,
    ]);
    expect(
      releases.map((r) => [r.name, r.namespace, r.layers.map((l) => `${l.file}#${l.doc}${l.pointer}`), r.unreadable]),
    ).toEqual([
      [
        'web-prod',
        'prod',
        ['charts/web/values.yaml#0', 'charts/web/values-prod.yaml#0'],
        ['$values/env/x.yaml', 'charts/web/missing.yaml'],
      ],
      ['web', 'staging', ['charts/web/values.yaml#0', 'clusters/web.yaml#0/spec/values'], ['ConfigMap/web-values']],
      // Flux's default release name is '[TargetNamespace-]Name'.
      ['apps-web', 'apps', ['charts/web/values.yaml#0'], []],
      ['web-dev', 'dev', ['charts/web/values.yaml#0', 'charts/web/values-prod.yaml#0'], []],
    ]);
  });
});

describe('a values edit as ops', () => {
  const doc = { securityContext: { runAsUser: 1 }, pod: null, list: [1], spec: { values: { a: 1 } } };

  it('replaces a value, adds the first missing key with the rest nested, replaces a null on the way', () => {
    expect(valuesOps(doc, '', { path: ['securityContext', 'runAsUser'], value: 2 })).toEqual([
      { op: 'replace', path: '/securityContext/runAsUser', value: 2 },
    ]);
    expect(
      valuesOps(doc, '', { path: ['securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' }),
    ).toEqual([{ op: 'add', path: '/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } }]);
    expect(valuesOps(doc, '', { path: ['pod', 'fsGroup'], value: 1 })).toEqual([
      { op: 'replace', path: '/pod', value: { fsGroup: 1 } },
    ]);
    expect(valuesOps(doc, '', { path: ['securityContext'], value: { runAsNonRoot: true } })).toEqual([
      { op: 'add', path: '/securityContext/runAsNonRoot', value: true },
    ]);
  });

  it('under a pointer base (a HelmRelease), and never through a scalar', () => {
    expect(valuesOps(doc, '/spec/values', { path: ['b'], value: true })).toEqual([
      { op: 'add', path: '/spec/values/b', value: true },
    ]);
    expect(valuesOps(doc, '', { path: ['securityContext', 'runAsUser', 'x'], value: 1 })).toBeUndefined();
  });
});
