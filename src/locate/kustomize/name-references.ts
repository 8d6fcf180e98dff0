/**
 * Name references: after a build renamed resources (namePrefix/nameSuffix) or moved them (namespace), the
 * fields that refer to them by name follow, as kustomize's NameReferenceTransformer does for the built-in
 * kinds: ConfigMaps, Secrets, ServiceAccounts, claims and priority classes a pod template uses, a binding's
 * role and subjects, an Ingress's services and TLS secrets, a StatefulSet's service, an HPA's target,
 * a webhook's or APIService's service, an admission policy binding's policy.
 * https://github.com/kubernetes-sigs/kustomize/blob/master/api/internal/konfig/builtinpluginconsts/namereference.go
 */
import { anyIds, curId, type Res } from './resource.js';
import { mapGet, scalarString, type TMap, type TNode } from './tracked.js';

/** A referring field: the path from the resource, and the kind it names (or the sibling field giving the kind). */
interface Ref {
  path: string[];
  kind: string | { field: string };
  namespaceField?: string;
}

const POD_REFS: Ref[] = [
  { path: ['volumes', '*', 'configMap', 'name'], kind: 'ConfigMap' },
  { path: ['volumes', '*', 'projected', 'sources', '*', 'configMap', 'name'], kind: 'ConfigMap' },
  { path: ['volumes', '*', 'secret', 'secretName'], kind: 'Secret' },
  { path: ['volumes', '*', 'projected', 'sources', '*', 'secret', 'name'], kind: 'Secret' },
  { path: ['volumes', '*', 'persistentVolumeClaim', 'claimName'], kind: 'PersistentVolumeClaim' },
  { path: ['imagePullSecrets', '*', 'name'], kind: 'Secret' },
  { path: ['serviceAccountName'], kind: 'ServiceAccount' },
  { path: ['serviceAccount'], kind: 'ServiceAccount' },
  { path: ['priorityClassName'], kind: 'PriorityClass' },
  ...['containers', 'initContainers'].flatMap((c): Ref[] => [
    { path: [c, '*', 'env', '*', 'valueFrom', 'configMapKeyRef', 'name'], kind: 'ConfigMap' },
    { path: [c, '*', 'env', '*', 'valueFrom', 'secretKeyRef', 'name'], kind: 'Secret' },
    { path: [c, '*', 'envFrom', '*', 'configMapRef', 'name'], kind: 'ConfigMap' },
    { path: [c, '*', 'envFrom', '*', 'secretRef', 'name'], kind: 'Secret' },
  ]),
];

const POD_SPEC: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const OTHER_REFS: Record<string, Ref[]> = {
  RoleBinding: [
    { path: ['roleRef', 'name'], kind: { field: 'kind' } },
    { path: ['subjects', '*', 'name'], kind: 'ServiceAccount', namespaceField: 'namespace' },
  ],
  ClusterRoleBinding: [
    { path: ['roleRef', 'name'], kind: { field: 'kind' } },
    { path: ['subjects', '*', 'name'], kind: 'ServiceAccount', namespaceField: 'namespace' },
  ],
  Ingress: [
    { path: ['spec', 'rules', '*', 'http', 'paths', '*', 'backend', 'service', 'name'], kind: 'Service' },
    { path: ['spec', 'rules', '*', 'http', 'paths', '*', 'backend', 'serviceName'], kind: 'Service' },
    { path: ['spec', 'defaultBackend', 'service', 'name'], kind: 'Service' },
    { path: ['spec', 'backend', 'serviceName'], kind: 'Service' },
    { path: ['spec', 'tls', '*', 'secretName'], kind: 'Secret' },
  ],
  StatefulSet: [{ path: ['spec', 'serviceName'], kind: 'Service' }],
  HorizontalPodAutoscaler: [{ path: ['spec', 'scaleTargetRef', 'name'], kind: { field: 'kind' } }],
  ValidatingWebhookConfiguration: [
    { path: ['webhooks', '*', 'clientConfig', 'service', 'name'], kind: 'Service', namespaceField: 'namespace' },
  ],
  MutatingWebhookConfiguration: [
    { path: ['webhooks', '*', 'clientConfig', 'service', 'name'], kind: 'Service', namespaceField: 'namespace' },
  ],
  APIService: [{ path: ['spec', 'service', 'name'], kind: 'Service', namespaceField: 'namespace' }],
  ServiceAccount: [
    { path: ['secrets', '*', 'name'], kind: 'Secret' },
    { path: ['imagePullSecrets', '*', 'name'], kind: 'Secret' },
  ],
  ValidatingAdmissionPolicyBinding: [{ path: ['spec', 'policyName'], kind: 'ValidatingAdmissionPolicy' }],
};

function refsOf(kind: string): Ref[] {
  const pod = POD_SPEC[kind];
  return [...(pod ? POD_REFS.map((r) => ({ ...r, path: [...pod, ...r.path] })) : []), ...(OTHER_REFS[kind] ?? [])];
}

/** Calls `fn(holder, field)` for each map holding the last field of `path`. */
function visit(node: TNode | undefined, path: string[], fn: (holder: TMap, field: string) => void): void {
  if (!node) return;
  const [first, ...rest] = path;
  if (first === '*') {
    if (node.t === 'seq') node.items.forEach((i) => visit(i, rest, fn));
  } else if (node.t === 'map' && first !== undefined) {
    if (rest.length === 0) fn(node, first);
    else visit(node.entries.get(first), rest, fn);
  }
}

const ns = (n: string): string => (n === '' ? 'default' : n);

/** The one resource a reference names, judged by its earlier identities and namespace, or undefined. */
function referee(
  resources: Res[],
  referrer: Res,
  kind: string,
  name: string,
  namespace: string | undefined,
): Res | undefined {
  const byName = resources.filter(
    (r) => r !== referrer && anyIds(r).some((id) => id.kind === kind && id.name === name),
  );
  const wantNs = namespace ?? curId(referrer).namespace;
  const inNs = byName.filter((r) =>
    anyIds(r).some(
      (id) =>
        id.name === name &&
        (namespace === undefined && isClusterWide(referrer) ? true : ns(id.namespace) === ns(wantNs)),
    ),
  );
  const pool = inNs.length ? inNs : byName.length === 1 ? byName : [];
  const names = new Set(pool.map((r) => curId(r).name));
  if (names.size === 1) return pool[0];
  // kustomize's selectReferral: the candidates renamed by the same prefixes and suffixes, first letting an empty list match.
  for (const allowEmpty of [true, false]) {
    const same = pool.filter((r) => sameAffixes(referrer, r, allowEmpty));
    if (same.length === 1) return same[0];
  }
  // Several candidates renamed differently: the one renamed like the referrer (same prefix and suffix).
  const ref = curId(referrer).name;
  const org = referrer.prevIds[0]?.name ?? ref;
  const [pre, suf] = [ref.slice(0, Math.max(0, ref.indexOf(org))), ref.slice(ref.indexOf(org) + org.length)];
  const alike = pool.filter((r) => ref.includes(org) && curId(r).name === `${pre}${name}${suf}`);
  return alike.length === 1 ? alike[0] : undefined;
}

/** utils.SameEndingSubSlice: the shorter list ends the longer one (an empty list only matches an empty one). */
function sameEnding(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.every((x, i) => long[i + long.length - short.length] === x);
}

/** Resource.PrefixesSuffixesEquals. */
function sameAffixes(x: Res, y: Res, allowEmpty: boolean): boolean {
  const [px, sx, py, sy] = [
    x.affixes?.prefixes ?? [],
    x.affixes?.suffixes ?? [],
    y.affixes?.prefixes ?? [],
    y.affixes?.suffixes ?? [],
  ];
  return (
    ((allowEmpty && (px.length === 0 || py.length === 0)) || sameEnding(px, py)) &&
    ((allowEmpty && (sx.length === 0 || sy.length === 0)) || sameEnding(sx, sy))
  );
}

function isClusterWide(res: Res): boolean {
  return [
    'ClusterRoleBinding',
    'ValidatingWebhookConfiguration',
    'MutatingWebhookConfiguration',
    'APIService',
  ].includes(curId(res).kind);
}

/**
 * A Role's or ClusterRole's `rules[].resourceNames` follow renamed ConfigMaps and Secrets, whatever
 * resources the rule names (namereference.go lists `rules/resourceNames` for both kinds; krusty
 * TestUnrelatedNameReferenceReplacement_Issue4254_Issue3418 keeps that behaviour).
 */
function fixResourceNames(resources: Res[], res: Res): void {
  if (curId(res).kind !== 'Role' && curId(res).kind !== 'ClusterRole') return;
  visit(res.node, ['rules', '*', 'resourceNames'], (holder, field) => {
    const names = holder.entries.get(field);
    if (names?.t !== 'seq') return;
    names.items = names.items.map((item) => {
      const value = scalarString(item);
      const target =
        value === undefined
          ? undefined
          : ['ConfigMap', 'Secret'].map((k) => referee(resources, res, k, value, undefined)).find(Boolean);
      const nameNode = mapGet(mapGet(target?.node, 'metadata'), 'name');
      return nameNode && scalarString(nameNode) !== value ? { ...nameNode } : item;
    });
  });
}

/** Points every reference at the current name (and namespace) of the resource it named. */
export function fixNameReferences(resources: Res[]): void {
  for (const res of resources) {
    fixResourceNames(resources, res);
    for (const ref of refsOf(curId(res).kind)) {
      visit(res.node, ref.path, (holder, field) => {
        const value = scalarString(holder.entries.get(field));
        const kind =
          typeof ref.kind === 'string'
            ? ref.kind
            : scalarString(mapGet(res.node, ref.path[0] ?? '') && mapGet(holder, ref.kind.field));
        if (value === undefined || !kind) return;
        if (
          ref.kind === 'ServiceAccount' &&
          ref.namespaceField &&
          scalarString(mapGet(holder, 'kind')) !== 'ServiceAccount'
        )
          return;
        const nsNode = ref.namespaceField ? scalarString(mapGet(holder, ref.namespaceField)) : undefined;
        const target = referee(resources, res, kind, value, nsNode);
        if (!target) return;
        const meta = mapGet(target.node, 'metadata');
        const nameNode = mapGet(meta, 'name');
        if (nameNode && scalarString(nameNode) !== value) holder.entries.set(field, { ...nameNode });
        const nsTarget = mapGet(meta, 'namespace');
        if (ref.namespaceField && nsNode !== undefined && nsTarget && scalarString(nsTarget) !== nsNode)
          holder.entries.set(ref.namespaceField, { ...nsTarget });
      });
    }
  }
}
