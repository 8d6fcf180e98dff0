/**
 * The last place a fix on a rendered resource can go (issue 14): when the base is shared with a root whose
 * own patch sets the field differently, editing the base would not give every environment the same value;
 * the fix is written as a strategic-merge patch in the overlay whose rendering the finding named, in a new
 * file of that overlay that its kustomization lists under `patches` (added with the same minimal edit).
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patches/
 */
import { posix } from 'node:path';
import { stringify } from 'yaml';
import { isObject } from '../locate/workloads.js';
import type { KustomizeLocated } from '../locate/step.js';
import type { Operation, Violation } from '../model.js';
import { applyChanges } from '../patch/index.js';
import { parseYamlFile } from '../yaml.js';

/** One overlay patch to write: the violations it fixes, the new file and the kustomization's new text. */
export interface OverlayPatch {
  root: string;
  file: string;
  text: string;
  kustomization: { file: string; before: string; after: string };
  violations: Violation[];
}

function setIn(target: Record<string, unknown>, tokens: string[], value: unknown): void {
  let cur = target;
  for (const t of tokens.slice(0, -1)) cur = (isObject(cur[t]) ? cur[t] : (cur[t] = {})) as Record<string, unknown>;
  const last = tokens.at(-1) as string;
  cur[last] = isObject(cur[last]) && isObject(value) ? { ...(cur[last] as object), ...value } : value;
}

/** The partial object a strategic merge needs: identity, and the fields under the pod template. */
function patchObject(
  k: KustomizeLocated,
  origin: Record<string, unknown>,
  ops: Operation[],
): Record<string, unknown> | undefined {
  const meta = isObject(origin.metadata) ? origin.metadata : {};
  const out: Record<string, unknown> = {
    apiVersion: origin.apiVersion,
    kind: origin.kind,
    metadata: { name: meta.name, ...(meta.namespace ? { namespace: meta.namespace } : {}) },
  };
  const podSpec = k.workload.podSpecPointer.slice(1).split('/');
  const containers = new Map<string, Record<string, unknown>>();
  for (const op of ops) {
    if (op.op !== 'add') return undefined;
    const tokens = op.path.slice(1).split('/');
    const rest = tokens.slice(podSpec.length);
    if (/^(initC|c)ontainers$/.test(rest[0] ?? '') && /^\d+$/.test(rest[1] ?? '')) {
      const list =
        (k.rendered.object as Record<string, unknown>) && (k.workload.podSpec[rest[0] as string] as unknown[]);
      const item = list?.[Number(rest[1])];
      if (!isObject(item) || typeof item.name !== 'string') return undefined;
      const key = `${rest[0]}/${item.name}`;
      const c = containers.get(key) ?? { name: item.name };
      containers.set(key, c);
      setIn(c, rest.slice(2), op.value);
    } else setIn(out, [...podSpec, ...rest], op.value);
  }
  for (const [key, c] of containers) {
    const [list] = key.split('/');
    const spec = podSpec.reduce<Record<string, unknown>>(
      (acc, t) => (isObject(acc[t]) ? acc[t] : (acc[t] = {})) as Record<string, unknown>,
      out,
    );
    spec[list as string] = [...((spec[list as string] as unknown[]) ?? []), c];
  }
  return out;
}

/** The overlay patch for these violations of one rendered resource in `root`, or why none can be made. */
export function overlayPatch(
  root: string,
  k: KustomizeLocated,
  violations: Violation[],
  texts: Map<string, string>,
  kustomizationFile: string,
): OverlayPatch | string {
  const origin = parseYamlFile(texts.get(k.rendered.origin.file) ?? '').docs[k.rendered.origin.doc]?.value;
  if (!isObject(origin)) return `cannot read ${k.rendered.origin.file}`;
  const object = patchObject(
    k,
    origin,
    violations.flatMap((v) =>
      (v.kustomize?.rendered ?? []).map((r) => ({ op: r.op, path: r.path, value: r.value }) as Operation),
    ),
  );
  if (!object) return 'the fix is not a set of fields a strategic-merge patch can add';
  const meta = origin.metadata as { name?: unknown; namespace?: unknown };
  const stem = [
    'kubemend',
    String(origin.kind).toLowerCase(),
    ...(typeof meta.namespace === 'string' ? [meta.namespace] : []),
    String(meta.name),
  ]
    .join('-')
    .replace(/[^a-z0-9.-]/gi, '-');
  // Never over a file of the repository or one this run already added (two bases' `web`).
  const free = (n: number) => `${root ? `${root}/` : ''}${stem}${n > 1 ? `-${n}` : ''}.yaml`;
  let n = 1;
  while (texts.has(free(n))) n += 1;
  const file = free(n);
  const header = `# Security fixes by kubemend for this overlay only: ${k.rendered.origin.file} is shared with roots whose own patches set these fields.\n`;
  const before = texts.get(kustomizationFile) ?? '';
  const doc = parseYamlFile(before).docs[0]?.value;
  const entry = { path: posix.basename(file) };
  const op: Operation =
    isObject(doc) && Array.isArray(doc.patches)
      ? { op: 'add', path: '/patches/-', value: entry }
      : { op: 'add', path: '/patches', value: [entry] };
  const edit = applyChanges(before, [{ id: 'overlay', doc: 0, ops: [op] }], { file: kustomizationFile });
  if (!edit.applied.length)
    return `cannot list the patch in ${kustomizationFile}: ${edit.refused[0]?.message ?? 'refused'}`;
  return {
    root,
    file,
    text: header + stringify(object),
    kustomization: { file: kustomizationFile, before, after: edit.text },
    violations,
  };
}
