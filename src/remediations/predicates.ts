/**
 * Evaluates the catalog's predicates (`fails_when`, conflict `when`, `remove_items.match`) on one set value.
 */
import type { Predicate } from './schema.js';
import { isImageUnpinned } from './strategies.js';

export type Options = Record<string, unknown>;

/** Upper-case and strip `CAP_`: Kubernetes passes capability names to the runtime, which accepts both forms. */
export function normaliseCapability(value: unknown): unknown {
  return typeof value === 'string' ? value.toUpperCase().replace(/^CAP_/, '') : value;
}

/**
 * Kubernetes decodes manifests with YAML 1.1 rules (go-yaml v2 under sigs.k8s.io/yaml), where `on`, `yes`,
 * `y` (and `off`, `no`, `n`) are booleans; the `yaml` library reads them as strings (YAML 1.2). A check that
 * compares with a boolean must see them as the cluster does, or `privileged: on` would pass unnoticed.
 * https://yaml.org/type/bool.html
 */
const YAML11_BOOL = new Map<string, boolean>(
  ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']
    .map((s) => [s, true] as [string, boolean])
    .concat(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((s) => [s, false] as [string, boolean])),
);

/** The boolean a YAML 1.1 reader sees for `value`, or `value` itself. */
export function yaml11Boolean(value: unknown): unknown {
  return typeof value === 'string' && YAML11_BOOL.has(value) ? YAML11_BOOL.get(value) : value;
}

function normaliser(p: Predicate): (v: unknown) => unknown {
  if (p.normalise === 'capability') return normaliseCapability;
  return typeof p.equal === 'boolean' || typeof p.not_equal === 'boolean' ? yaml11Boolean : (v) => v;
}

/** A literal list, or the list an `{option}` reference points at. */
export function listOf(value: unknown, options: Options): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && 'option' in value) {
    const resolved = options[(value as { option: string }).option];
    return Array.isArray(resolved) ? resolved : [];
  }
  return [];
}

/** True when the (set) value matches every condition of the predicate. */
export function matches(p: Predicate, value: unknown, options: Options): boolean {
  const norm = normaliser(p);
  const v = norm(value);
  const items = Array.isArray(value) ? value.map(norm) : undefined;
  const tests: boolean[] = [];
  if (p.equal !== undefined) tests.push(v === norm(p.equal));
  if (p.not_equal !== undefined) tests.push(v !== norm(p.not_equal));
  if (p.in) tests.push(p.in.map(norm).includes(v as never));
  if (p.not_in) tests.push(!p.not_in.map(norm).includes(v as never));
  if (p.contains !== undefined) tests.push(items?.includes(norm(p.contains)) ?? false);
  if (p.not_contains !== undefined) tests.push(!(items?.includes(norm(p.not_contains)) ?? false));
  if (p.contains_any !== undefined) {
    const wanted = listOf(p.contains_any, options).map(norm);
    tests.push(items?.some((i) => wanted.includes(i)) ?? false);
  }
  if (p.any_value) tests.push(value !== undefined && value !== null);
  if (p.strategy === 'image-unpinned') tests.push(isImageUnpinned(value, options.requireDigest === true));
  return tests.length > 0 && tests.every(Boolean);
}
