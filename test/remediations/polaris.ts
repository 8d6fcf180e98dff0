/**
 * Evaluates Polaris's own check definitions (../shared/peers/polaris/checks, JSON Schema draft 2019-09)
 * with ajv, the way Polaris applies them, so kubemend's detection can be compared with a third party.
 *
 * What Polaris does that a plain schema validation would not (github.com/FairwindsOps/polaris,
 * pkg/validator): container checks run on containers and init containers unless `containers.exclude`
 * lists `initContainer`; `schemaTarget: PodSpec` validates a copy of the PodSpec holding only the
 * container under test; objects are decoded into corev1 types first, so fields the API does not have
 * (a pod-level `readOnlyRootFilesystem`) disappear and quantities become strings.
 *
 * Adaptations, each for a stated reason:
 * - `(?i)` (Go RE2 inline flag) is not JavaScript syntax: the pattern is compiled with the `i` flag.
 * - `hostPortSet` has `required: null` (Go's decoder reads it as absent): the key is dropped.
 * - Go-template checks (`schemaString`) are not rendered except `automountServiceAccountToken`, whose
 *   template only adds a ServiceAccount lookup, implemented below; `linuxHardening` (any of seccomp,
 *   SELinux, AppArmor, dropped capabilities) is excluded: no single remediation corresponds to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { isObject } from '../../src/locate/workloads.js';
import type { Workload } from '../../src/model.js';
import { SHARED } from '../shared-dir.js';

export const POLARIS_DIR = SHARED + '/peers/polaris';

type Obj = Record<string, unknown>;

export interface PolarisCheck {
  name: string;
  target: 'Container' | 'PodSpec';
  podSpecTarget: boolean;
  excludeInit: boolean;
  validate: ValidateFunction;
}

function regExpEngine(): ((pattern: string, u: string) => RegExp) & { code: string } {
  const engine = (pattern: string, u: string): RegExp => {
    const insensitive = pattern.includes('(?i)');
    return new RegExp(pattern.replace(/\(\?i\)/g, ''), insensitive ? `${u}i` : u);
  };
  return Object.assign(engine, { code: 'new RegExp' });
}

const ajv = new (Ajv2019 as unknown as typeof Ajv2019.default)({
  strict: false,
  allErrors: false,
  code: { regExp: regExpEngine() },
});

function dropNullRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(dropNullRequired);
  if (!isObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k, v]) => !(k === 'required' && v === null))
      .map(([k, v]) => [k, dropNullRequired(v)]),
  );
}

/** Loads one Polaris check definition and compiles its schema. */
export function loadPolarisCheck(name: string): PolarisCheck {
  const def = parse(readFileSync(join(POLARIS_DIR, 'checks', `${name}.yaml`), 'utf8')) as Obj;
  if (!isObject(def.schema)) throw new Error(`${name}: templated schemaString is not supported`);
  const exclude = isObject(def.containers) && Array.isArray(def.containers.exclude) ? def.containers.exclude : [];
  const schema = dropNullRequired(def.schema) as Obj;
  delete schema.$schema;
  return {
    name,
    target: def.target === 'Container' ? 'Container' : 'PodSpec',
    podSpecTarget: def.schemaTarget === 'PodSpec',
    excludeInit: exclude.includes('initContainer'),
    validate: ajv.compile(schema),
  };
}

// The fields of corev1.PodSecurityContext and corev1.SecurityContext: anything else does not survive decoding.
const POD_SC = [
  'seLinuxOptions',
  'windowsOptions',
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'fsGroup',
  'sysctls',
  'fsGroupChangePolicy',
  'seccompProfile',
  'appArmorProfile',
  'seLinuxChangePolicy',
];
const CONTAINER_SC = [
  'capabilities',
  'privileged',
  'seLinuxOptions',
  'windowsOptions',
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'readOnlyRootFilesystem',
  'allowPrivilegeEscalation',
  'procMount',
  'seccompProfile',
  'appArmorProfile',
];

function pick(value: unknown, keys: string[]): unknown {
  return isObject(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k))) : value;
}

function quantities(resources: unknown): unknown {
  if (!isObject(resources)) return resources;
  const conv = (m: unknown) =>
    isObject(m) ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)])) : m;
  return {
    ...resources,
    ...(resources.limits !== undefined ? { limits: conv(resources.limits) } : {}),
    ...(resources.requests !== undefined ? { requests: conv(resources.requests) } : {}),
  };
}

/** Go decodes `null` into a nil pointer, which `omitempty` then leaves out of the JSON Polaris validates. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, dropNulls(v)]),
  );
}

/** A container as Polaris sees it after decoding into corev1.Container. */
export function decodeContainer(c: Obj): Obj {
  const out: Obj = { ...c };
  if (c.securityContext !== undefined) out.securityContext = pick(c.securityContext, CONTAINER_SC);
  if (c.resources !== undefined) out.resources = quantities(c.resources);
  if (Array.isArray(c.ports))
    out.ports = c.ports.map((p) => (isObject(p) && p.hostPort === 0 ? { ...p, hostPort: undefined } : p));
  return JSON.parse(JSON.stringify(out)) as Obj;
}

function decodePodSpec(spec: Obj): Obj {
  const out: Obj = { ...spec };
  if (spec.securityContext !== undefined) out.securityContext = pick(spec.securityContext, POD_SC);
  for (const list of ['containers', 'initContainers'])
    if (Array.isArray(spec[list])) out[list] = (spec[list] as unknown[]).filter(isObject).map(decodeContainer);
  return out;
}

/** One evaluated unit: a container (by list and index) or the pod. */
export interface PolarisUnit {
  container: { type: 'containers' | 'initContainers'; index: number } | null;
  fails: boolean;
}

/**
 * The `automountServiceAccountToken` template, rendered by hand: unless the pod sets false, a ServiceAccount
 * named like the pod's serviceAccountName must exist among `objects` and set it false.
 */
function serviceAccountFails(spec: Obj, objects: unknown[]): boolean {
  if (spec.automountServiceAccountToken === false) return false;
  const name = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : '';
  return !objects.some(
    (o) =>
      isObject(o) &&
      o.kind === 'ServiceAccount' &&
      isObject(o.metadata) &&
      o.metadata.name === name &&
      o.automountServiceAccountToken === false,
  );
}

/** Polaris's verdict for one check on one workload; `objects` are the other documents of the same input. */
export function evaluatePolaris(check: PolarisCheck, w: Workload, objects: unknown[]): PolarisUnit[] {
  const spec = decodePodSpec(dropNulls(w.podSpec) as Obj);
  if (check.target === 'PodSpec') {
    const fails =
      !check.validate(spec) || (check.name === 'automountServiceAccountToken' && serviceAccountFails(spec, objects));
    return [{ container: null, fails }];
  }
  const lists = check.excludeInit ? (['containers'] as const) : (['containers', 'initContainers'] as const);
  return lists.flatMap((type) =>
    (Array.isArray(spec[type]) ? (spec[type] as Obj[]) : []).map((c, index) => {
      const subject = check.podSpecTarget ? { ...spec, initContainers: [], containers: [c] } : c;
      return { container: { type, index }, fails: !check.validate(subject) };
    }),
  );
}
