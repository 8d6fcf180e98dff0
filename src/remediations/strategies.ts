/**
 * The named strategies remediation files refer to, for what a declarative check cannot say:
 * - `image-unpinned` (predicate): an image without a tag or digest, or tagged `latest`;
 * - `resource-quantity` (value): a resource quantity chosen from options by workload and namespace glob,
 *   preferring an existing field (a memory limit defaults to the memory request) and clamped between
 *   existing fields (a limit never below its request, a request never above its limit).
 */
import picomatch from 'picomatch';
import type { Workload } from '../model.js';
import { fieldValue } from './fields.js';

/**
 * True for `nginx`, `nginx:latest`, `registry:5000/nginx`; false for `nginx:1.27` and anything with a
 * digest. The tag is what follows `:` in the last path segment, so a registry port is not a tag
 * (https://github.com/distribution/reference/blob/main/reference.go). With `requireDigest` (the
 * remediation's option of that name, for Checkov CKV_K8S_43 and Kubescape C-0306) only a digest pins.
 */
export function isImageUnpinned(image: unknown, requireDigest = false): boolean {
  if (typeof image !== 'string' || image.length === 0) return false;
  if (image.includes('@')) return false;
  if (requireDigest) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return true;
  return lastSegment.slice(colon + 1) === 'latest';
}

const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/**
 * A Kubernetes resource quantity in base units (cores, bytes), or undefined when it is not one
 * (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/).
 */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const exp = m[3] !== undefined ? 10 ** Number(m[3]) : (SUFFIX[m[2] ?? ''] ?? 1);
  return Number(m[1]) * exp;
}

/** Per-namespace and per-workload overrides of a default quantity; globs are picomatch syntax. */
export interface QuantityRules {
  /** Default: set by each remediation file. */
  default: string;
  /** Namespace glob → quantity. Default: {}. */
  namespaces?: Record<string, string>;
  /** `Kind/name` glob → quantity; wins over namespaces. Default: {}. */
  workloads?: Record<string, string>;
}

/** The quantity the rules give a workload: first matching workload glob, then namespace glob, then default. */
export function selectQuantity(rules: QuantityRules, workload: Workload): string {
  const label = `${workload.id.kind}/${workload.id.name}`;
  for (const [glob, q] of Object.entries(rules.workloads ?? {})) if (picomatch.isMatch(label, glob)) return q;
  const ns = workload.id.namespace;
  if (ns !== undefined) for (const [glob, q] of Object.entries(rules.namespaces ?? {})) if (picomatch.isMatch(ns, glob)) return q;
  return rules.default;
}

export interface QuantityStrategy {
  option: string;
  prefer?: string;
  min?: string;
  max?: string;
}

/** The value the `resource-quantity` strategy sets on one container. */
export function chooseQuantity(s: QuantityStrategy, rules: QuantityRules, container: unknown, workload: Workload): unknown {
  const preferred = s.prefer ? fieldValue(container, s.prefer) : undefined;
  if (parseQuantity(preferred) !== undefined) return preferred;
  let value: unknown = selectQuantity(rules, workload);
  const min = s.min ? fieldValue(container, s.min) : undefined;
  const max = s.max ? fieldValue(container, s.max) : undefined;
  const v = parseQuantity(value) ?? 0;
  if (parseQuantity(min) !== undefined && v < (parseQuantity(min) as number)) value = min;
  else if (parseQuantity(max) !== undefined && v > (parseQuantity(max) as number)) value = max;
  return value;
}
