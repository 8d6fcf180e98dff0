/**
 * `namespace`: sets metadata.namespace on every namespaced resource (the kinds the schema knows as
 * cluster-scoped are left alone), the namespace of the service a webhook or APIService calls, and the
 * namespace of RoleBinding subjects named `default` (kustomize's default subject handling).
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/namespace/
 */
import { type FieldSpec, visitSpec } from './field-specs.js';
import { identityOf, rememberId, type Res } from './resource.js';
import { fromPlain, mapGet, scalarString, type Writer } from './tracked.js';

/** Cluster-scoped kinds of the built-in schema. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'RuntimeClass',
  'PodSecurityPolicy',
  'IngressClass',
  'CertificateSigningRequest',
  'ComponentStatus',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'TokenReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SubjectAccessReview',
  'ClusterIssuer',
]);

const SERVICE_NAMESPACES: FieldSpec[] = [
  { path: 'webhooks/clientConfig/service/namespace', create: false, kind: 'ValidatingWebhookConfiguration' },
  { path: 'webhooks/clientConfig/service/namespace', create: false, kind: 'MutatingWebhookConfiguration' },
  { path: 'spec/service/namespace', create: false, kind: 'APIService' },
  { path: 'spec/conversion/webhook/clientConfig/service/namespace', create: false, kind: 'CustomResourceDefinition' },
];

/** Cluster-scoped by the built-in schema; a `Namespace` of another API group (a CRD) is namespaced. */
export function isClusterScoped(kind: string, apiVersion?: string): boolean {
  return CLUSTER_SCOPED.has(kind) && (kind !== 'Namespace' || apiVersion === 'v1');
}

export function applyNamespace(resources: Res[], namespace: string, w: Writer): void {
  const value = (): ReturnType<typeof fromPlain> => fromPlain(namespace, w, '/namespace');
  for (const res of resources) {
    const id = identityOf(res.node);
    for (const spec of SERVICE_NAMESPACES)
      if (spec.kind === id.kind) visitSpec(res.node, spec, w, (p, k) => p.entries.set(k, value()));
    if (id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') setDefaultSubjects(res, value);
    if (isClusterScoped(id.kind, id.apiVersion)) continue;
    if (id.namespace !== namespace) rememberId(res);
    visitSpec(res.node, { path: 'metadata/namespace', create: true }, w, (p, k) => p.entries.set(k, value()));
  }
}

function setDefaultSubjects(res: Res, value: () => ReturnType<typeof fromPlain>): void {
  const subjects = mapGet(res.node, 'subjects');
  if (subjects?.t !== 'seq') return;
  for (const s of subjects.items)
    if (s.t === 'map' && scalarString(mapGet(s, 'name')) === 'default') s.entries.set('namespace', value());
}
