/**
 * The strategic-merge keys of the lists kubemend edits, by field name: kustomize (and `kubectl apply`)
 * merge these lists item by item on the key, so an overlay's container `web` is the base's container `web`
 * wherever it sits in the list. https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch
 */
import { isObject } from '../locate/workloads.js';

const KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
};

/** The merge key of the list in field `field`, or undefined (matched by position then is refused). */
export function mergeKeyOf(field: string): string | undefined {
  return KEYS[field];
}

/**
 * `path` (a pointer in `from`) as it reads in `object`, another rendering of the same resource: list items
 * found again by merge key, never by position. Undefined when an item is not there.
 */
export function relocate(path: string, from: unknown, object: unknown): string | undefined {
  const tokens = path.slice(1).split('/');
  let f = from;
  let o = object;
  const out: string[] = [];
  for (const [i, t] of tokens.entries()) {
    if (Array.isArray(f) && Array.isArray(o) && /^\d+$/.test(t)) {
      const key = mergeKeyOf(tokens[i - 1] ?? '');
      const item = f[Number(t)];
      const j = key && isObject(item) ? o.findIndex((x) => isObject(x) && x[key] === item[key]) : -1;
      if (j < 0) return undefined;
      out.push(String(j));
      f = item;
      o = o[j];
    } else {
      out.push(t);
      f = isObject(f) ? f[t] : undefined;
      o = isObject(o) ? o[t] : undefined;
    }
  }
  return `/${out.join('/')}`;
}

/** The value at an RFC 6901 pointer (escaped tokens taken as written), or undefined. */
export function valueAtPointer(object: unknown, pointer: string): unknown {
  let cur = object;
  for (const t of pointer.slice(1).split('/'))
    cur = isObject(cur) ? cur[t] : Array.isArray(cur) ? cur[Number(t)] : undefined;
  return cur;
}

/** The leaves a value writes: (pointer suffix below where it is written, value); an object gives each of its leaves. */
export function leaves(value: unknown, suffix = ''): Array<[string, unknown]> {
  if (isObject(value))
    return Object.entries(value).flatMap(([k, v]) =>
      leaves(v, `${suffix}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
  return [[suffix, value]];
}
