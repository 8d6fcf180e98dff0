/**
 * A fix planned on a rendered resource (ops whose pointers are in the Kustomize output) rewritten as a fix
 * of the repository file that must change: a value a patch or the base wrote is changed where it was
 * written (the model's provenance); a missing field is added to the resource document it comes from (the
 * base), or, when the part it belongs in was added by a strategic-merge patch, to that patch. Lists are
 * matched by their merge keys (containers by name), never by position: an overlay may add or reorder items.
 */
import { pointerTokens } from '../locate/field-position.js';
import { isObject, toPointer } from '../locate/workloads.js';
import type { KustomizeLocated } from '../locate/step.js';
import type { FixFormat, Operation, Skip, Violation, Workload } from '../model.js';
import { parseYamlFile } from '../yaml.js';
import { mergeKeyOf } from './merge-key.js';

type Token = string | number;

const tokensOf = pointerTokens;

/**
 * The tokens in `doc` of the deepest part of `tokens` (a path in `rendered`) that `doc` holds, list
 * items matched by merge key; `depth` is how many rendered tokens were matched.
 */
export function mapInto(rendered: unknown, doc: unknown, tokens: Token[]): { tokens: Token[]; depth: number } {
  const out: Token[] = [];
  let r = rendered;
  let d = doc;
  let depth = 0;
  for (const t of tokens) {
    if (typeof t === 'number' && Array.isArray(r) && Array.isArray(d)) {
      const key = mergeKeyOf(String(out.at(-1) ?? ''));
      const item = r[t];
      const i = key && isObject(item) ? d.findIndex((x) => isObject(x) && x[key] === item[key]) : -1;
      if (i < 0) break;
      out.push(i);
      r = item;
      d = d[i];
    } else if (typeof t === 'string' && isObject(r) && isObject(d) && t in d) {
      out.push(t);
      r = r[t];
      d = d[t];
    } else break;
    depth += 1;
  }
  return { tokens: out, depth };
}

function valueAt(root: unknown, tokens: Token[]): unknown {
  let cur = root;
  for (const t of tokens)
    cur = isObject(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[t] : undefined;
  return cur;
}

/** The part of an `add` that `doc` lacks: the first missing member with the rest nested in its value. */
function addInto(mapped: { tokens: Token[]; depth: number }, tokens: Token[], value: unknown): Operation | undefined {
  const rest = tokens.slice(mapped.depth);
  if (!rest.length || rest.slice(1).some((t) => typeof t === 'number')) return undefined;
  const nested = rest.slice(1).reduceRight<unknown>((acc, t) => ({ [t as string]: acc }), value);
  return { op: 'add', path: toPointer([...mapped.tokens, rest[0] as Token]), value: nested };
}

/** Where one rendered op must be written: a file, a document, and the op relative to that document. */
interface Target {
  file: string;
  doc: number;
  op: Operation;
  /** A resource file of a root or base (`manifest`), or a patch file (`kustomize-patch`). */
  format: FixFormat;
}

function targetOf(
  ctx: KustomizeLocated,
  op: Operation,
  docValue: (file: string, doc: number) => unknown,
): Target | string {
  const { rendered } = ctx;
  const tokens = tokensOf(op.path);
  if (op.op === 'replace' || op.op === 'remove') {
    const src = rendered.sourceOf(op.path);
    if (!src) return `no document of the repository writes ${op.path}`;
    if (src.via === 'transformer' || src.inline)
      return `${op.path} is set by ${src.via === 'transformer' ? 'a kustomization transformer' : 'an inline patch'} in ${src.file}; kubemend edits only resource and patch files`;
    return {
      file: src.file,
      doc: src.doc,
      format: src.via === 'resource' ? 'manifest' : 'kustomize-patch',
      op:
        op.op === 'remove'
          ? { op: 'remove', path: src.pointer }
          : { op: 'replace', path: src.pointer, value: (op as { value: unknown }).value },
    };
  }
  if (op.op !== 'add') return `unsupported operation ${op.op}`;
  // A missing field: into the resource document when it holds the part the field belongs in.
  const origin = rendered.origin;
  const base = mapInto(rendered.object, docValue(origin.file, origin.doc), tokens);
  const parentDepth = tokens.length - 1;
  const container = tokens.findIndex(
    (t, i) => typeof t === 'number' && /^(initC|c|ephemeralC)ontainers$/.test(String(tokens[i - 1])),
  );
  const needed = container >= 0 ? container + 1 : Math.min(parentDepth, 1);
  if (base.depth >= needed) {
    const add = addInto(base, tokens, (op as { value: unknown }).value);
    return add
      ? { file: origin.file, doc: origin.doc, op: add, format: 'manifest' }
      : `cannot place ${op.path} in ${origin.file}`;
  }
  // The container (or part) was added by a strategic-merge patch: write next to it there.
  const partPointer = toPointer(tokens.slice(0, needed));
  const src = rendered.sourceOf(`${partPointer}/name`) ?? rendered.sourceOf(partPointer);
  if (!src || src.via !== 'strategic-merge' || src.inline)
    return `${partPointer} comes from ${src ? `a ${src.via} ${src.inline ? 'inline ' : ''}patch in ${src.file}` : 'nowhere kubemend can edit'}`;
  const patch = mapInto(rendered.object, docValue(src.file, src.doc), tokens);
  const add = patch.depth >= needed ? addInto(patch, tokens, (op as { value: unknown }).value) : undefined;
  return add
    ? { file: src.file, doc: src.doc, op: add, format: 'kustomize-patch' }
    : `cannot place ${op.path} in the patch ${src.file}`;
}

/** The workload kubemend edits in `file`/`doc` (for results and re-detection), from the index or made up. */
export type TargetWorkload = (file: string, doc: number, like: Workload) => Workload;

/**
 * The violation rewritten against the file that must change, or why it cannot be: every op must land in
 * the same document. The rendered ops are kept (`kustomize.rendered`) for the verification by rendering.
 */
export function retargetKustomize(
  v: Violation,
  ctx: KustomizeLocated,
  texts: Map<string, string>,
  workloadAt: TargetWorkload,
): Violation | Skip {
  const cache = new Map<string, unknown[]>();
  const docValue = (file: string, doc: number): unknown => {
    if (!cache.has(file))
      cache.set(
        file,
        parseYamlFile(texts.get(file) ?? '').docs.map((d) => d.value),
      );
    return cache.get(file)?.[doc];
  };
  const targets = v.ops.map((op) => targetOf(ctx, op, docValue));
  const failed = targets.find((t): t is string => typeof t === 'string');
  if (failed !== undefined)
    return { code: 'kustomize-unplaced', reason: `${failed} (rendered by ${ctx.roots.join(', ') || '.'})` };
  const placed = targets as Target[];
  const first = placed[0];
  if (!first || placed.some((t) => t.file !== first.file || t.doc !== first.doc))
    return {
      code: 'kustomize-unplaced',
      reason: 'the fix would span several files; kubemend edits one document per fix',
    };
  const workload = workloadAt(first.file, first.doc, v.workload);
  const containerTokens = v.container ? tokensOf(first.op.path) : [];
  const index = containerTokens.findIndex((t) => typeof t === 'number');
  const container =
    v.container && index >= 0 ? { ...v.container, index: containerTokens[index] as number } : v.container;
  const rendered = v.ops.map((op) => ({ path: op.path, value: 'value' in op ? op.value : undefined, op: op.op }));
  return {
    ...v,
    workload,
    container,
    ops: placed.map((t) => t.op),
    kustomize: { roots: ctx.roots, rendered, why: ctx.why, renderedName: ctx.rendered.id.name },
    // Where the fix is written, as Helm's fixes say it (src/model.ts FixTarget): the document's root.
    target: { file: first.file, doc: first.doc, pointer: '', format: first.format },
  };
}

export { valueAt };
