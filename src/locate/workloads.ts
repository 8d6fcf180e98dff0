/**
 * Finds the pod templates in a parsed manifest document: Pods, the built-in workload kinds, CronJob job
 * templates, items of a `List`, and CRDs that embed a pod template at `spec.template` (Argo Rollouts, ...).
 */
import type { ResourceId, Workload } from '../model.js';

type Obj = Record<string, unknown>;

/** Where the PodSpec and pod metadata live, relative to the object, by kind. */
const POD_PATHS: Record<string, { spec: string[]; meta: string[] }> = {
  Pod: { spec: ['spec'], meta: ['metadata'] },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
  },
};
const TEMPLATE_PATHS = { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] };

/** Kinds whose pod template is at `spec.template`; any other kind qualifies only if it has containers there. */
export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
] as const;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 6901 escaping of one reference token. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

function dig(value: unknown, path: string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The identity of a Kubernetes object, or undefined when it has no kind or name. */
export function resourceIdOf(obj: Obj): ResourceId | undefined {
  const kind = obj.kind;
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const name = meta.name ?? meta.generateName;
  if (typeof kind !== 'string' || (typeof name !== 'string' && typeof name !== 'number')) return undefined;
  const id: ResourceId = { kind, name: String(name) };
  if (typeof obj.apiVersion === 'string') id.apiVersion = obj.apiVersion;
  if (typeof meta.namespace === 'string') id.namespace = meta.namespace;
  return id;
}

function workloadOf(obj: Obj, file: string, doc: number, prefix: Array<string | number>): Workload | undefined {
  const id = resourceIdOf(obj);
  if (!id) return undefined;
  const paths = POD_PATHS[id.kind] ?? TEMPLATE_PATHS;
  const podSpec = dig(obj, paths.spec);
  if (!isObject(podSpec) || !Array.isArray(podSpec.containers)) return undefined;
  return {
    file,
    doc,
    pointer: toPointer(prefix),
    podSpecPointer: toPointer([...prefix, ...paths.spec]),
    podMetaPointer: toPointer([...prefix, ...paths.meta]),
    id,
    object: obj,
    podSpec,
  };
}

/** Every pod template in one document value (a `List` yields one per qualifying item). */
export function findWorkloads(value: unknown, file: string, doc: number): Workload[] {
  if (!isObject(value)) return [];
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) => (isObject(item) ? (workloadOf(item, file, doc, ['items', i]) ?? []) : []));
  }
  const w = workloadOf(value, file, doc, []);
  return w ? [w] : [];
}
