/**
 * Exemptions: the `kubemend.io/ignore` annotation on the workload (object or pod template metadata), the
 * suppression annotations of the scanners whose rules the remediation aliases (a team that told Checkov or
 * kube-score to skip a check told kubemend too), and the repo config's `ignore` list. An exempted failure is
 * still reported, with the exemption as reason.
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

/** Scanner rule ids a remediation answers to, by tool (the catalog's aliases). */
export type RuleAliases = Partial<Record<'checkov' | 'kube-score', string[]>>;

/**
 * A scanner's own suppression annotation naming one of `aliases`: Checkov/Bridgecrew
 * `checkov.io/skipN: CKV_K8S_20=reason` (https://www.checkov.io/2.Basics/Suppressing%20and%20Skipping%20Policies.html)
 * and kube-score `kube-score/ignore: check-a,check-b` (https://github.com/zegl/kube-score#configuration).
 */
function scannerSuppression(annotations: Record<string, unknown>, aliases: RuleAliases): string | undefined {
  for (const [key, raw] of Object.entries(annotations)) {
    if (typeof raw !== 'string') continue;
    if (/^(checkov\.io|bridgecrew\.io)\/skip\d*$/.test(key)) {
      const id = raw.split('=')[0]?.trim() ?? '';
      if (aliases.checkov?.includes(id)) return `exempted by annotation ${key}: "${raw}"`;
    } else if (key === 'kube-score/ignore') {
      const ids = raw.split(',').map((s) => s.trim());
      if (ids.some((id) => aliases['kube-score']?.includes(id))) return `exempted by annotation ${key}: "${raw}"`;
    }
  }
  return undefined;
}

/**
 * A mirror pod (the API server's copy of a kubelet static pod, e.g. a control-plane component dumped from a
 * cluster) is not its own source: its spec comes from the static manifest on the node, and control-plane
 * pods need host namespaces. https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/
 */
function mirrorPod(w: Workload): string | undefined {
  const meta = isObject(w.object.metadata) ? w.object.metadata : {};
  const annotations = isObject(meta.annotations) ? meta.annotations : {};
  if ('kubernetes.io/config.mirror' in annotations)
    return 'a mirror pod of a kubelet static pod (annotation kubernetes.io/config.mirror): fix the static manifest on the node';
  const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
  if (owners.some((o) => isObject(o) && o.kind === 'Node'))
    return 'a mirror pod of a kubelet static pod (owned by a Node): fix the static manifest on the node';
  return undefined;
}

/** Why `remediation` is exempted on this workload, or undefined. */
export function exemptionOf(
  remediation: string,
  w: Workload,
  config: Config,
  aliases: RuleAliases = {},
): string | undefined {
  const mirror = mirrorPod(w);
  if (mirror) return mirror;
  const places: Array<[string, unknown]> = [
    ['object metadata', w.object.metadata],
    ['pod template metadata', podTemplateMeta(w)],
  ];
  for (const [where, meta] of places) {
    const value = annotationOf(meta);
    if (value !== undefined) {
      const ids = value.split(',').map((s) => s.trim());
      if (ids.includes('all') || ids.includes(remediation))
        return `exempted by annotation ${IGNORE_ANNOTATION}: "${value}" on the ${where}`;
    }
    const annotations = isObject(meta) && isObject(meta.annotations) ? meta.annotations : {};
    const suppressed = scannerSuppression(annotations, aliases);
    if (suppressed) return `${suppressed} on the ${where}`;
  }
  for (const [i, rule] of config.ignore.entries()) {
    if (rule.remediation !== 'all' && rule.remediation !== remediation) continue;
    if (rule.path !== undefined && !picomatch.isMatch(w.file, rule.path, { dot: true })) continue;
    if (rule.resource !== undefined && !picomatch.isMatch(`${w.id.kind}/${w.id.name}`, rule.resource)) continue;
    // A manifest without a namespace is applied wherever it is deployed: a namespace rule cannot match it.
    if (
      rule.namespace !== undefined &&
      (w.id.namespace === undefined || !picomatch.isMatch(w.id.namespace, rule.namespace))
    )
      continue;
    return `exempted by config ignore[${i}]${rule.reason ? `: ${rule.reason}` : ''}`;
  }
  return undefined;
}
