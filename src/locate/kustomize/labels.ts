/**
 * `labels`, `commonLabels` and `commonAnnotations`: the field specs kustomize writes them to.
 * commonLabels (and labels with includeSelectors) also go into selectors and pod templates;
 * labels with includeTemplates go into pod templates only.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/labels/
 */
import { type FieldSpec, setEntries, specApplies, visitSpec } from './field-specs.js';
import { identityOf, type Res } from './resource.js';
import type { Writer } from './tracked.js';
import type { Kustomization } from './types.js';

const META: FieldSpec = { path: 'metadata/labels', create: true };

const TEMPLATE_LABELS: FieldSpec[] = [
  { path: 'spec/template/metadata/labels', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: 'batch', kind: 'CronJob' },
];

const CLAIM_TEMPLATES: FieldSpec = {
  path: 'spec/volumeClaimTemplates[]/metadata/labels',
  create: true,
  group: 'apps',
  kind: 'StatefulSet',
};

const AFFINITY = [
  'podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAffinity/requiredDuringSchedulingIgnoredDuringExecution',
  'podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution',
]
  .map((p) => `spec/template/spec/affinity/${p}/labelSelector/matchLabels`)
  .concat('spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels');

const SELECTORS: FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...AFFINITY.map((path) => ({ path, create: false, group: 'apps', kind: 'Deployment' })),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  ...AFFINITY.map((path) => ({ path, create: false, group: 'apps', kind: 'StatefulSet' })),
  { path: 'spec/selector/matchLabels', create: false, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', create: false, group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', create: false, group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  {
    path: 'spec/ingress/from/podSelector/matchLabels',
    create: false,
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
  },
  { path: 'spec/egress/to/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

const ANNOTATIONS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...TEMPLATE_LABELS.map((s) => ({
    ...s,
    path: s.path.replace(/labels$/, 'annotations'),
    ...(s.kind === 'StatefulSet' ? { group: undefined } : {}),
  })),
];

function applySpecs(
  resources: Res[],
  specs: FieldSpec[],
  pairs: Record<string, string>,
  w: Writer,
  pointer: string,
): void {
  for (const res of resources) {
    const id = identityOf(res.node);
    for (const spec of specs)
      if (specApplies(spec, id))
        visitSpec(res.node, spec, w, (parent, key) => setEntries(parent, key, pairs, w, pointer));
  }
}

export function applyLabels(resources: Res[], k: Kustomization, w: Writer): void {
  for (const rule of k.labels) {
    const specs = rule.includeSelectors
      ? [META, ...TEMPLATE_LABELS, CLAIM_TEMPLATES, ...SELECTORS]
      : [
          META,
          ...(rule.includeTemplates ? TEMPLATE_LABELS : []),
          ...(rule.includeVolumeClaimTemplates ? [CLAIM_TEMPLATES] : []),
        ];
    applySpecs(resources, specs, rule.pairs, w, rule.pointer);
  }
}

export function applyAnnotations(resources: Res[], k: Kustomization, w: Writer): void {
  if (k.commonAnnotations) applySpecs(resources, ANNOTATIONS, k.commonAnnotations, w, '/commonAnnotations');
}
