/**
 * Exemptions: the `kubemend.io/ignore` annotation on the workload (object or pod template metadata) and
 * the repo config's `ignore` list. An exempted failure is still reported, with the exemption as reason.
 */
import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { isObject } from '../locate/workloads.js';
import type { Workload } from '../model.js';

export const IGNORE_ANNOTATION = 'kubemend.io/ignore';

function annotationOf(meta: unknown): string | undefined {
  const annotations = isObject(meta) && isObject(meta.annotations) ? meta.annotations : undefined;
  const value = annotations?.[IGNORE_ANNOTATION];
  return typeof value === 'string' ? value : undefined;
}

function podTemplateMeta(w: Workload): unknown {
  const tokens = w.podMetaPointer.slice(w.pointer.length).split('/').slice(1);
  let cur: unknown = w.object;
  for (const t of tokens) cur = isObject(cur) ? cur[t.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return cur;
}

/** Why `remediation` is exempted on this workload, or undefined. */
export function exemptionOf(remediation: string, w: Workload, config: Config): string | undefined {
  const places: Array<[string, unknown]> = [['object metadata', w.object.metadata], ['pod template metadata', podTemplateMeta(w)]];
  for (const [where, meta] of places) {
    const value = annotationOf(meta);
    if (value === undefined) continue;
    const ids = value.split(',').map((s) => s.trim());
    if (ids.includes('all') || ids.includes(remediation)) return `exempted by annotation ${IGNORE_ANNOTATION}: "${value}" on the ${where}`;
  }
  for (const [i, rule] of config.ignore.entries()) {
    if (rule.remediation !== 'all' && rule.remediation !== remediation) continue;
    if (rule.path !== undefined && !picomatch.isMatch(w.file, rule.path, { dot: true })) continue;
    if (rule.resource !== undefined && !picomatch.isMatch(`${w.id.kind}/${w.id.name}`, rule.resource)) continue;
    // A manifest without a namespace is applied wherever it is deployed: a namespace rule cannot match it.
    if (rule.namespace !== undefined && (w.id.namespace === undefined || !picomatch.isMatch(w.id.namespace, rule.namespace))) continue;
    return `exempted by config ignore[${i}]${rule.reason ? `: ${rule.reason}` : ''}`;
  }
  return undefined;
}
