/**
 * From a field of a rendered resource to the values that set it. The field's YAML node (or, for a field
 * the fix adds, its deepest existing parent) lies in one traced segment of the output: a scalar printed
 * from `.Values.x.y`, an object `toYaml` printed (walked key by key through the origins of its parts), or
 * the template's own text. For a field in the template's text, the branches not taken inside its parent
 * (`with .Values.podSecurityContext`, `if .Values.securityContext`) are the only knobs, and an `enabled`
 * flag that is off is reported, not flipped. Candidates are only candidates: each is verified by rendering.
 */
import { type Node as YamlNode, isMap, isScalar, isSeq } from 'yaml';
import type { Operation } from '../../model.js';
import { pointerTokens } from '../field-position.js';
import { originOf, truthy } from './evaluate.js';
import type { RenderedTemplate } from './render-chart.js';
import { type Guard, type Segment, type ValuesPath, offsetsOf } from './segments.js';
import type { Where } from './template-parse.js';

/** One values edit that may fix the field: set (or remove) `path` in the release's values. */
export interface Candidate {
  path: ValuesPath;
  value?: unknown;
  remove?: boolean;
}

/** `line` is in the rendered template (an include's line for a helper's output); `source` wrote the field. */
export type Trace = { line: number; source: Where } & (
  | { kind: 'values'; candidates: Candidate[] }
  | { kind: 'none' }
  | { kind: 'opaque'; reason: string }
  | { kind: 'disabled'; flag: ValuesPath; at: Where }
);

interface Step {
  node: YamlNode;
  token?: string | number;
}

function chainOf(root: YamlNode | null | undefined, tokens: Array<string | number>): Step[] {
  const out: Step[] = [];
  let node = root;
  if (!node) return out;
  out.push({ node });
  for (const t of tokens) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(t))?.value;
    else if (isSeq(node)) next = node.items[Number(t)];
    if (!next || typeof next !== 'object' || !('range' in next)) break;
    node = next as YamlNode;
    out.push({ node, token: t });
  }
  return out;
}

/** The non-empty segment holding `offset`, with its start. */
function segmentAt(segs: Segment[], starts: number[], offset: number): { seg: Segment; start: number } | undefined {
  for (let i = segs.length - 1; i >= 0; i--) {
    const start = starts[i] as number;
    const seg = segs[i] as Segment;
    if (start <= offset && seg.text.length > 0 && offset < start + seg.text.length) return { seg, start };
  }
  return undefined;
}

/**
 * Where an output offset comes from: the file and line that wrote it (a value's action line, or the line
 * within the text; in a helper, the helper's line), and the line of the rendered template (the include's).
 */
function lineAt(hit: { seg: Segment; start: number } | undefined, offset: number): { line: number; source: Where } {
  if (!hit) return { line: 0, source: { file: '', line: 0 } };
  const before = hit.seg.text.slice(0, Math.max(0, offset - hit.start));
  const own =
    hit.seg.from || hit.seg.yamlOf !== undefined ? hit.seg.at.line : hit.seg.at.line + before.split('\n').length - 1;
  const source = { file: hit.seg.at.file, line: own };
  return { line: hit.seg.call?.line ?? own, source };
}

function nest(tokens: Array<string | number>, value: unknown): unknown {
  return tokens.reduceRight<unknown>((acc, t) => ({ [String(t)]: acc }), value);
}

/** Candidates through an object `toYaml` printed: the path of the field in the values it came from. */
function throughYaml(
  t: RenderedTemplate,
  yamlOf: unknown,
  rel: Array<string | number>,
  tail: Array<string | number>,
  op: Operation,
): Candidate[] {
  let obj = yamlOf;
  let path: ValuesPath | undefined;
  for (const token of rel) {
    path = originOf({ origins: t.origins }, obj, String(token));
    if (!path) return [];
    obj = (obj as Record<string, unknown>)[String(token)];
  }
  if (!tail.length)
    return path
      ? [op.op === 'remove' ? { path, remove: true } : { path, value: (op as { value: unknown }).value }]
      : [];
  const first = originOf({ origins: t.origins }, obj, String(tail[0]));
  if (!first) return [];
  return [{ path: [...first, ...tail.slice(1).map(String)], value: (op as { value: unknown }).value }];
}

/** Candidates through branches not taken inside the parent: `with`/`if` on a value that is empty. */
function throughGuards(guards: Guard[], tail: Array<string | number>, value: unknown): Guard | Candidate[] {
  const flag = guards.find((g) => g.kind === 'if' && g.path.at(-1) === 'enabled' && !truthy(g.value));
  if (flag) return flag;
  return guards.flatMap((g) => tail.map((_t, i) => ({ path: g.path, value: nest(tail.slice(i + 1), value) })));
}

/** Where the field `op` changes in document `doc` of the rendered template comes from. */
export function traceField(t: RenderedTemplate, docRoot: YamlNode | null | undefined, op: Operation): Trace {
  const tokens = pointerTokens(op.path);
  const starts = offsetsOf(t.segments);
  const chain = chainOf(docRoot, tokens);
  const last = chain.at(-1);
  if (!last?.node.range) return { kind: 'none', line: 0, source: { file: t.path, line: 0 } };
  const offset = last.node.range[0];
  const hit = segmentAt(t.segments, starts, offset);
  const at = lineAt(hit, offset);
  if (!hit) return { kind: 'none', ...at };
  if (hit.seg.opaque) return { kind: 'opaque', reason: hit.seg.opaque, ...at };
  const exists = chain.length === tokens.length + 1;
  const tail = tokens.slice(chain.length - 1);
  const value = (op as { value?: unknown }).value;
  if (hit.seg.yamlOf !== undefined) {
    // The block's root: the first node of the chain that starts inside this segment.
    const j = chain.findIndex(
      (s) => (s.node.range?.[0] ?? -1) >= hit.start && (s.node.range?.[0] ?? 0) < hit.start + hit.seg.text.length,
    );
    const candidates = throughYaml(t, hit.seg.yamlOf, tokens.slice(j, chain.length - 1), tail, op);
    return candidates.length ? { kind: 'values', candidates, ...at } : { kind: 'none', ...at };
  }
  if (exists && hit.seg.from && (last.node.range[1] ?? 0) <= hit.start + hit.seg.text.length) {
    return {
      kind: 'values',
      candidates: [op.op === 'remove' ? { path: hit.seg.from, remove: true } : { path: hit.seg.from, value }],
      ...at,
    };
  }
  if (exists) return { kind: 'none', ...at };
  const [from, , to] = last.node.range;
  const guards = t.segments.flatMap((s, i) =>
    s.guard && (starts[i] as number) >= from && (starts[i] as number) <= (to ?? from) ? [s.guard] : [],
  );
  const out = throughGuards(guards, tail, value);
  if (!Array.isArray(out)) return { kind: 'disabled', flag: out.path, at: out.at, ...at };
  return out.length ? { kind: 'values', candidates: out, ...at } : { kind: 'none', ...at };
}
