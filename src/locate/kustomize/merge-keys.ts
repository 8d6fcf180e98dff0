/**
 * The list merge strategy kustomize's strategic merge uses for a field. kustomize reads it from the
 * built-in Kubernetes OpenAPI schema (`x-kubernetes-patch-strategy: merge` and the merge key, or the
 * `x-kubernetes-list-map-keys`), looked up by the resource's apiVersion and kind. For a type the schema
 * does not know (a CRD, or `apiVersion: v1` with `kind: Deployment`), or a field it does not describe, no
 * list is associative and a patch's list replaces the base's (merge2.Merge does not infer merge keys).
 * https://github.com/kubernetes-sigs/kustomize/blob/master/kyaml/yaml/walk/associative_sequence.go
 * https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch
 */

/** How a list merges: by these keys (the first is the primary), by value (a primitive set), or replaced. */
export type ListStrategy = { by: 'keys'; keys: string[] } | { by: 'value' } | { by: 'replace' };

/** Where each known kind keeps its PodSpec. */
const POD_SPEC: Record<string, string[]> = {
  'v1/Pod': ['spec'],
  'v1/ReplicationController': ['spec', 'template', 'spec'],
  'v1/PodTemplate': ['template', 'spec'],
  'apps/v1/Deployment': ['spec', 'template', 'spec'],
  'apps/v1/StatefulSet': ['spec', 'template', 'spec'],
  'apps/v1/DaemonSet': ['spec', 'template', 'spec'],
  'apps/v1/ReplicaSet': ['spec', 'template', 'spec'],
  'batch/v1/Job': ['spec', 'template', 'spec'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  'batch/v1beta1/CronJob': ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Kinds the schema knows without a PodSpec (metadata lists still merge). */
const OTHER_KNOWN = new Set([
  'v1/Service',
  'v1/ConfigMap',
  'v1/Secret',
  'v1/ServiceAccount',
  'v1/Namespace',
  'v1/PersistentVolumeClaim',
  'v1/PersistentVolume',
  'v1/Endpoints',
  'v1/LimitRange',
  'v1/ResourceQuota',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy',
  'policy/v1/PodDisruptionBudget',
  'policy/v1beta1/PodDisruptionBudget',
  'autoscaling/v1/HorizontalPodAutoscaler',
  'autoscaling/v2/HorizontalPodAutoscaler',
]);

const KEYS = (...keys: string[]): ListStrategy => ({ by: 'keys', keys });

/** Lists of a PodSpec, by field name. */
const POD_SPEC_LISTS: Record<string, ListStrategy> = {
  containers: KEYS('name'),
  initContainers: KEYS('name'),
  ephemeralContainers: KEYS('name'),
  volumes: KEYS('name'),
  imagePullSecrets: KEYS('name'),
  hostAliases: KEYS('ip'),
  topologySpreadConstraints: KEYS('topologyKey', 'whenUnsatisfiable'),
  resourceClaims: KEYS('name'),
  schedulingGates: KEYS('name'),
};

/** Lists of a Container, by field name. */
const CONTAINER_LISTS: Record<string, ListStrategy> = {
  ports: KEYS('containerPort', 'protocol'),
  env: KEYS('name'),
  volumeMounts: KEYS('mountPath'),
  volumeDevices: KEYS('devicePath'),
};

function isContainerList(name: string | undefined): boolean {
  return name === 'containers' || name === 'initContainers' || name === 'ephemeralContainers';
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.every((p, i) => path[i] === p);
}

/** The strategy for the list at `path` (field names; list items are '*') of a resource of `typeKey` ('group/version/Kind'). */
export function listStrategy(typeKey: string, path: string[]): ListStrategy {
  const podSpec = POD_SPEC[typeKey];
  if (!podSpec && !OTHER_KNOWN.has(typeKey)) return { by: 'replace' };
  if (path.length === 2 && path[0] === 'metadata') {
    if (path[1] === 'finalizers') return { by: 'value' };
    if (path[1] === 'ownerReferences') return KEYS('uid');
  }
  if (typeKey === 'v1/Service' && path.join('/') === 'spec/ports') return KEYS('port', 'protocol');
  if (!podSpec || !startsWith(path, podSpec)) return { by: 'replace' };
  const rest = path.slice(podSpec.length);
  if (rest.length === 1) return POD_SPEC_LISTS[rest[0] ?? ''] ?? { by: 'replace' };
  if (rest.length === 3 && isContainerList(rest[0]) && rest[1] === '*')
    return CONTAINER_LISTS[rest[2] ?? ''] ?? { by: 'replace' };
  return { by: 'replace' };
}

/** 'group/version/Kind' of an apiVersion and kind ('v1/Pod' for the core group). */
export function typeKeyOf(apiVersion: string | undefined, kind: string | undefined): string {
  return `${apiVersion ?? ''}/${kind ?? ''}`;
}
