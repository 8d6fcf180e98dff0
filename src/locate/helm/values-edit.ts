/**
 * A values edit (set or remove one path) as RFC 6902 ops on the document of the layer that takes it, for
 * the patch engine: the first missing key is added with the rest nested in its value, a null on the way is
 * replaced, an existing value is replaced. `pointer` is where the values map sits in the document ('' for
 * a values file, '/spec/values' in a Flux HelmRelease).
 */
import type { Operation } from '../../model.js';
import { toPointer } from '../workloads.js';
import { isObj } from './evaluate.js';
import type { Candidate } from './trace-field.js';

function tokensOf(pointer: string): string[] {
  return pointer
    ? pointer
        .split('/')
        .slice(1)
        .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    : [];
}

/** The ops that make `candidate` true in `doc`, or undefined when the path crosses a list or a scalar. */
export function valuesOps(doc: unknown, pointer: string, candidate: Candidate): Operation[] | undefined {
  const tokens = [...tokensOf(pointer), ...candidate.path];
  let cur: unknown = doc;
  for (const [i, t] of tokens.entries()) {
    const here = tokens.slice(0, i + 1);
    const rest = tokens.slice(i + 1);
    const nested = rest.reduceRight<unknown>((acc, k) => ({ [k]: acc }), candidate.value);
    if (Array.isArray(cur) && /^\d+$/.test(t) && i < tokens.length - 1) {
      cur = cur[Number(t)];
      continue;
    }
    if (Array.isArray(cur) && t === '-' && !rest.length && !candidate.remove)
      return [{ op: 'add', path: toPointer(here), value: candidate.value }];
    if (!isObj(cur)) return undefined;
    if (!(t in cur)) return candidate.remove ? [] : [{ op: 'add', path: toPointer(here), value: nested }];
    // An object set over an existing map adds its keys there: the map's other keys and comments stay.
    if (
      !rest.length &&
      !candidate.remove &&
      isObj(cur[t]) &&
      isObj(candidate.value) &&
      Object.keys(candidate.value).length
    ) {
      const inner = Object.entries(candidate.value).map(([k, x]) =>
        valuesOps(doc, pointer, { path: [...candidate.path, k], value: x }),
      );
      return inner.some((o) => o === undefined) ? undefined : (inner.flat() as Operation[]);
    }
    if (!rest.length)
      return candidate.remove
        ? [{ op: 'remove', path: toPointer(here) }]
        : [{ op: 'replace', path: toPointer(here), value: candidate.value }];
    if (cur[t] === null) return candidate.remove ? [] : [{ op: 'replace', path: toPointer(here), value: nested }];
    cur = cur[t];
  }
  return undefined;
}
