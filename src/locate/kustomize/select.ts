/**
 * Which resources a patch target selects (kustomize resWrangler.Select): group, version and kind exact;
 * name and namespace as anchored regular expressions matched against the original or the current identity
 * (an unset namespace is 'default'); label and annotation selectors in Kubernetes' selector syntax.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patches/
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
import { curId, orgId, type Res } from './resource.js';
import { mapGet, type TNode } from './tracked.js';
import type { PatchTarget } from './types.js';

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function stringMap(node: TNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (node?.t === 'map') for (const [k, v] of node.entries) if (v.t === 'scalar') out[k] = String(v.value);
  return out;
}

/** Splits a selector at commas outside parentheses. */
function requirements(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of selector) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function matchRequirement(req: string, labels: Record<string, string>): boolean {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(req);
  if (set) {
    const values = (set[3] ?? '').split(',').map((v) => v.trim());
    const has = (set[1] ?? '') in labels && values.includes(labels[set[1] ?? ''] ?? '');
    return set[2] === 'in' ? has : !has;
  }
  const cmp = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(req);
  if (cmp) {
    const [, key = '', op, value = ''] = cmp;
    return op === '!=' ? labels[key] !== value : labels[key] === value;
  }
  if (req.startsWith('!')) return !(req.slice(1).trim() in labels);
  return req in labels;
}

/** True when `labels` satisfy the selector expression. */
export function matchSelector(selector: string, labels: Record<string, string>): boolean {
  return requirements(selector).every((r) => matchRequirement(r, labels));
}

export function isSelected(res: Res, t: PatchTarget): boolean {
  const cur = curId(res);
  const org = orgId(res);
  if (t.group && t.group !== cur.group) return false;
  if (t.version && t.version !== cur.version) return false;
  if (t.kind && t.kind !== cur.kind) return false;
  const ns = (n: string): string => (n === '' ? 'default' : n);
  if (t.name && !anchored(t.name).test(org.name) && !anchored(t.name).test(cur.name)) return false;
  if (t.namespace && !anchored(t.namespace).test(ns(org.namespace)) && !anchored(t.namespace).test(ns(cur.namespace)))
    return false;
  const meta = mapGet(res.node, 'metadata');
  if (t.labelSelector && !matchSelector(t.labelSelector, stringMap(mapGet(meta, 'labels')))) return false;
  if (t.annotationSelector && !matchSelector(t.annotationSelector, stringMap(mapGet(meta, 'annotations'))))
    return false;
  return true;
}

export function selectResources(resources: Res[], t: PatchTarget): Res[] {
  return resources.filter((r) => isSelected(r, t));
}
