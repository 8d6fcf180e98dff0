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
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
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
  /** Quantity for every other workload; null = none (nothing is invented). Default: null. */
  default?: string | null;
  /** Namespace glob → quantity. Default: {}. */
  namespaces?: Record<string, string>;
  /** `Kind/name` glob → quantity; wins over namespaces. Default: {}. */
  workloads?: Record<string, string>;
}

/**
 * The quantity the rules give a workload: first matching workload glob, then namespace glob, then the
 * default (unless `withDefault` is false); undefined when none applies.
 */
export function selectQuantity(rules: QuantityRules, workload: Workload, withDefault = true): string | undefined {
  const label = `${workload.id.kind}/${workload.id.name}`;
  for (const [glob, q] of Object.entries(rules.workloads ?? {})) if (picomatch.isMatch(label, glob)) return q;
  const ns = workload.id.namespace;
  if (ns !== undefined)
    for (const [glob, q] of Object.entries(rules.namespaces ?? {})) if (picomatch.isMatch(ns, glob)) return q;
  return withDefault ? (rules.default ?? undefined) : undefined;
}

const BINARY = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki', ''];
const DECIMAL = ['E', 'P', 'T', 'G', 'M', 'k', '', 'm', 'u', 'n'];

/**
 * `q` × `factor`, written in the unit `q` uses when the result is whole there, else in the next smaller
 * unit (0.5Gi × 1.5 = 768Mi; 100m × 2 = 200m; 1 × 1.5 = 1500m), rounded up at bytes or millicores.
 * Undefined when `q` is not a quantity.
 */
export function scaleQuantity(q: unknown, factor: number): string | undefined {
  const m = QUANTITY.exec(String(q).trim());
  if (!m || parseQuantity(q) === undefined) return undefined;
  if (factor === 1) return String(q);
  if (m[3] !== undefined) {
    // An exponent form (1e-1): the product in base units when whole, else in milli-units, rounded up.
    const v = (parseQuantity(q) as number) * factor;
    const whole = Math.round(v * 1e6) / 1e6;
    return Number.isInteger(whole) ? String(whole) : `${Math.ceil(v * 1000 - 1e-6)}m`;
  }
  let n = Number(m[1]) * factor;
  const ladder = BINARY.includes(m[2] ?? '') && m[2] !== undefined && m[2] !== '' ? BINARY : DECIMAL;
  let i = ladder.indexOf(m[2] ?? '');
  for (;;) {
    const rounded = Math.round(n * 1e6) / 1e6;
    if (Number.isInteger(rounded)) return `${rounded}${ladder[i]}`;
    if (i === ladder.length - 1) return `${Math.ceil(n)}${ladder[i]}`;
    n *= ladder === BINARY ? 1024 : 1000;
    i += 1;
  }
}

/**
 * Extended resources of accelerators (GPUs, TPUs, NPUs) as device plugins name them; a container that
 * requests one never gets an invented CPU or memory value: its needs are nothing like a web server's.
 * https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/
 */
const ACCELERATOR =
  /^(nvidia\.com\/|amd\.com\/|gpu\.intel\.com\/|habana\.ai\/|google\.com\/tpu|cloud-tpus\.google\.com\/|aws\.amazon\.com\/neuron|xilinx\.com\/)/;

/** The accelerator resources a container requests or limits. */
export function acceleratorsOf(container: unknown): string[] {
  const names = ['requests', 'limits'].flatMap((k) => {
    const m = fieldValue(container, `resources.${k}`);
    return m && typeof m === 'object' ? Object.keys(m) : [];
  });
  return [...new Set(names.filter((n) => ACCELERATOR.test(n)))];
}

export interface QuantityStrategy {
  option: string;
  prefer?: string;
  factor_option?: string;
  min?: string;
  max?: string;
}

/** A chosen quantity with how it was chosen, or why none is written. */
export type QuantityChoice = { value: string | number; evidence?: string } | { hold: string };

/** `value` kept between the `min` and `max` fields; a bound is copied as written (`cpu: 2` stays a number). */
function clamp(value: string | number, s: QuantityStrategy, container: unknown): string | number {
  const v = parseQuantity(value) ?? 0;
  const min = s.min ? fieldValue(container, s.min) : undefined;
  const max = s.max ? fieldValue(container, s.max) : undefined;
  const bound = (b: unknown): string | number => (typeof b === 'number' ? b : String(b));
  if (parseQuantity(min) !== undefined && v < (parseQuantity(min) as number)) return bound(min);
  if (parseQuantity(max) !== undefined && v > (parseQuantity(max) as number)) return bound(max);
  return value;
}

/** scaleQuantity, keeping a plain number a number (`cpu: 2` × 2 is `4`, not `"4"`). */
function scaled(q: unknown, factor: number): string | number {
  const out = scaleQuantity(q, factor) as string;
  return typeof q === 'number' && /^\d+(\.\d+)?$/.test(out) ? Number(out) : out;
}

/**
 * The value the `resource-quantity` strategy sets on one container, in this order: the repository's rules
 * (workload glob, namespace glob, default), then the field `prefer` names × the `factor_option` option,
 * clamped between `min` and `max` fields. Nothing is invented: with neither, or for a container that
 * requests an accelerator (rules by workload or namespace only), it holds with what to set. `field` is the
 * field being set, named in the evidence.
 */
export function chooseQuantity(
  s: QuantityStrategy,
  options: Record<string, unknown>,
  container: unknown,
  workload: Workload,
  remediation: string,
  field: string,
): QuantityChoice {
  const rules = (options[s.option] ?? {}) as QuantityRules;
  const accelerators = acceleratorsOf(container);
  const ruled = selectQuantity(rules, workload, accelerators.length === 0);
  if (ruled !== undefined) return { value: clamp(ruled, s, container) };
  const where = `remediations.options.${remediation}.${s.option}`;
  if (accelerators.length)
    return {
      hold: `the container requests ${accelerators.join(', ')}: kubemend never writes a default for accelerator workloads; set ${where}.workloads["${workload.id.kind}/${workload.id.name}"]`,
    };
  const preferred = s.prefer ? fieldValue(container, s.prefer) : undefined;
  const factor = s.factor_option ? options[s.factor_option] : 1;
  if (s.prefer && typeof factor === 'number' && parseQuantity(preferred) !== undefined) {
    const value = clamp(scaled(preferred, factor), s, container);
    const how = factor === 1 ? `${s.prefer} ${String(preferred)}` : `${factor} × ${s.prefer} ${String(preferred)}`;
    return { value, evidence: `${field} ${value} = ${how}` };
  }
  const alt = s.prefer && typeof factor === 'number' ? `, or give the container ${s.prefer}` : '';
  return {
    hold: `no value to write: kubemend does not invent resource numbers; set ${where} (default, namespaces or workloads)${alt}`,
  };
}
