/**
 * A Go-template evaluator for the subset Helm charts use, in TypeScript: fields of `.` and variables,
 * `if`/`else`, `with`, `range`, `define`/`include`/`template`, variables, and the sprig functions in
 * ./functions.ts. Each value carries the `.Values` path it was read from, so the text it prints can be
 * traced back to the value (./segments.ts). What it does not evaluate throws `helm-unsupported`.
 */
import { HelmTemplateError } from './errors.js';
import { callFunction } from './functions.js';
import type { Command, Operand, Pipeline } from './pipeline-parse.js';
import { type Segment, joinSegments } from './segments.js';
import { type CallContext, type EvalContext, type Traced, isObj, originOf, printValue, truthy } from './traced.js';
import type { Node, Where } from './template-parse.js';

export {
  type EvalContext,
  type Origin,
  type Traced,
  isObj,
  originOf,
  printValue,
  registerTree,
  truthy,
} from './traced.js';

interface Scope {
  dot: Traced;
  vars: Array<Map<string, Traced>>;
}

const MAX_DEPTH = 200;
const MAX_STEPS = 2_000_000;
const MAX_OUTPUT = 8 * 1024 * 1024;

function spend(ctx: EvalContext, chars: number): void {
  ctx.steps = (ctx.steps ?? 0) + 1;
  ctx.size = (ctx.size ?? 0) + chars;
  if (ctx.steps > MAX_STEPS || ctx.size > MAX_OUTPUT)
    throw new HelmTemplateError(
      'helm-template-error',
      `${ctx.at.file}:${ctx.at.line}: the template renders more than kubemend's limit (${MAX_STEPS} steps, ${MAX_OUTPUT} characters)`,
    );
}

function access(ctx: EvalContext, t: Traced, chain: string[]): Traced {
  let cur = t;
  for (const [i, key] of chain.entries()) {
    const v = cur.value;
    // Go flattens a nil pipeline result to "no value", whose fields are nil too (`(.a).b` is nil-safe);
    // within one chain a nil map entry is a nil interface, and its field an error (Helm's missingkey=zero).
    if ((v === undefined || v === null) && i === 0) return { value: undefined };
    if (v === undefined || v === null)
      throw new HelmTemplateError(
        'helm-template-error',
        `${ctx.at.file}:${ctx.at.line}: nil pointer evaluating .${key}`,
      );
    if (typeof v !== 'object')
      throw new HelmTemplateError(
        'helm-template-error',
        `${ctx.at.file}:${ctx.at.line}: can't evaluate field ${key} in ${typeof v}`,
      );
    const from = originOf(ctx, v, key) ?? (cur.from ? [...cur.from, key] : undefined);
    const next = Object.prototype.hasOwnProperty.call(v, key) ? (v as Record<string, unknown>)[key] : undefined;
    cur = from ? { value: next, from } : { value: next };
  }
  return cur;
}

function lookupVar(scope: Scope, name: string, at: Where): Traced {
  for (let i = scope.vars.length - 1; i >= 0; i--) {
    const v = scope.vars[i]?.get(name);
    if (v) return v;
  }
  throw new HelmTemplateError('helm-template-syntax', `${at.file}:${at.line}: undefined variable $${name}`);
}

function operand(ctx: EvalContext, op: Operand, scope: Scope): Traced {
  switch (op.t) {
    case 'dot':
      return scope.dot;
    case 'field':
      return access(ctx, scope.dot, op.chain);
    case 'var':
      return access(ctx, lookupVar(scope, op.name, ctx.at), op.chain);
    case 'lit':
      return { value: op.value };
    case 'paren':
      return access(ctx, pipeline(ctx, op.pipe, scope), op.chain);
    case 'ident':
      return callFunction(op.name, [], callContext(ctx, scope));
  }
}

function callContext(ctx: EvalContext, scope: Scope): CallContext {
  return {
    ctx,
    include: (name: string, dot: Traced): Segment[] => renderDefine(ctx, name, dot),
    render: (nodes: Node[], dot: Traced): Segment[] => renderNodes(ctx, nodes, { dot, vars: [new Map([['', dot]])] }),
  };
}

function command(ctx: EvalContext, cmd: Command, scope: Scope, piped?: Traced): Traced {
  const [first, ...rest] = cmd;
  if (!first) throw new HelmTemplateError('helm-template-syntax', `${ctx.at.file}:${ctx.at.line}: empty command`);
  if (first.t === 'ident') {
    const cc = callContext(ctx, scope);
    // `and`/`or` evaluate their arguments lazily (Go 1.18): `and .a .a.b` must not touch .a.b when .a is nil.
    if (first.name === 'and' || first.name === 'or') {
      const thunks = [...rest.map((o) => () => operand(ctx, o, scope)), ...(piped ? [() => piped] : [])];
      let last: Traced = { value: undefined };
      for (const next of thunks) {
        last = next();
        if (first.name === 'and' ? !truthy(last.value) : truthy(last.value)) return last;
      }
      return last;
    }
    const args = rest.map((o) => operand(ctx, o, scope));
    return callFunction(first.name, piped ? [...args, piped] : args, cc);
  }
  const head = operand(ctx, first, scope);
  if (typeof head.value === 'function') {
    const args = rest.map((o) => operand(ctx, o, scope)).map((a) => a.value);
    return { value: (head.value as (...a: unknown[]) => unknown)(...args, ...(piped ? [piped.value] : [])) };
  }
  if (rest.length || piped)
    throw new HelmTemplateError(
      'helm-template-syntax',
      `${ctx.at.file}:${ctx.at.line}: can't give arguments to a non-function`,
    );
  return head;
}

function pipeline(ctx: EvalContext, pipe: Pipeline, scope: Scope): Traced {
  let v: Traced | undefined;
  for (const cmd of pipe.cmds) v = command(ctx, cmd, scope, v);
  const out = v ?? { value: undefined };
  if (pipe.decl) {
    const name = pipe.decl.names.at(-1) as string;
    if (pipe.decl.assign) {
      const owner = [...scope.vars].reverse().find((m) => m.has(name));
      if (!owner)
        throw new HelmTemplateError(
          'helm-template-syntax',
          `${ctx.at.file}:${ctx.at.line}: undefined variable $${name}`,
        );
      owner.set(name, out);
    } else scope.vars.at(-1)?.set(name, out);
  }
  return out;
}

function emit(ctx: EvalContext, v: Traced, at: Where): Segment[] {
  if (v.segs) return v.segs;
  return [{ text: printValue(v.value), at, ...(v.from ? { from: v.from } : {}) }];
}

function renderNodes(ctx: EvalContext, nodes: Node[], scope: Scope): Segment[] {
  const out: Segment[] = [];
  for (const node of nodes) {
    ctx.at = node.at;
    spend(ctx, node.t === 'text' ? node.text.length : 0);
    switch (node.t) {
      case 'text':
        out.push({ text: node.text, at: node.at });
        break;
      case 'action': {
        const v = pipeline(ctx, node.pipe, scope);
        if (!node.pipe.decl) {
          const segs = emit(ctx, v, node.at);
          spend(
            ctx,
            segs.reduce((n, x) => n + x.text.length, 0),
          );
          out.push(...segs);
        }
        break;
      }
      case 'if':
      case 'with':
        out.push(...conditional(ctx, node, scope));
        break;
      case 'range':
        out.push(...range(ctx, node, scope));
        break;
      case 'template':
        out.push(...renderDefine(ctx, node.name, node.pipe ? pipeline(ctx, node.pipe, scope) : { value: undefined }));
        break;
      default:
        throw new HelmTemplateError('helm-unsupported', `${node.at.file}:${node.at.line}: ${node.t} is not evaluated`);
    }
  }
  return out;
}

function conditional(ctx: EvalContext, node: Extract<Node, { t: 'if' | 'with' }>, scope: Scope): Segment[] {
  const guards: Segment[] = [];
  for (const b of node.branches) {
    const inner: Scope = { dot: scope.dot, vars: [...scope.vars, new Map()] };
    ctx.at = b.at;
    const v = pipeline(ctx, b.pipe, inner);
    if (truthy(v.value))
      return [...guards, ...renderNodes(ctx, b.body, node.t === 'with' ? { ...inner, dot: v } : inner)];
    if (v.from) guards.push({ text: '', at: b.at, guard: { kind: node.t, path: v.from, value: v.value, at: b.at } });
  }
  return [...guards, ...renderNodes(ctx, node.otherwise, { dot: scope.dot, vars: [...scope.vars, new Map()] })];
}

function range(ctx: EvalContext, node: Extract<Node, { t: 'range' }>, scope: Scope): Segment[] {
  const inner: Scope = { dot: scope.dot, vars: [...scope.vars, new Map()] };
  const { decl, ...bare } = node.pipe;
  const over = pipeline(ctx, bare, inner);
  const v = over.value;
  const items: Array<[Traced, Traced]> = [];
  const child = (k: string, x: unknown): Traced => {
    const from = originOf(ctx, v, k) ?? (over.from ? [...over.from, k] : undefined);
    return from ? { value: x, from } : { value: x };
  };
  if (Array.isArray(v)) v.forEach((x, i) => items.push([{ value: i }, child(String(i), x)]));
  else if (isObj(v)) for (const k of Object.keys(v).sort()) items.push([{ value: k }, child(k, v[k])]);
  else if (typeof v === 'number') for (let i = 0; i < v; i++) (items.push([{ value: i }, { value: i }]), spend(ctx, 0));
  else if (v !== undefined && v !== null)
    throw new HelmTemplateError(
      'helm-template-error',
      `${node.at.file}:${node.at.line}: range can't iterate over ${printValue(v)}`,
    );
  if (!items.length) return renderNodes(ctx, node.otherwise, inner);
  const out: Segment[] = [];
  for (const [k, x] of items) {
    const vars = new Map<string, Traced>();
    if (decl?.names.length === 1) vars.set(decl.names[0] as string, x);
    if (decl?.names.length === 2) vars.set(decl.names[0] as string, k).set(decl.names[1] as string, x);
    out.push(...renderNodes(ctx, node.body, { dot: x, vars: [...inner.vars, vars] }));
  }
  return out;
}

function renderDefine(ctx: EvalContext, name: string, dot: Traced): Segment[] {
  const body = ctx.defines.get(name);
  if (!body) throw new HelmTemplateError('helm-template-error', `${ctx.at.file}:${ctx.at.line}: no template "${name}"`);
  if (++ctx.depth > MAX_DEPTH)
    throw new HelmTemplateError(
      'helm-template-error',
      `${ctx.at.file}:${ctx.at.line}: templates nest deeper than ${MAX_DEPTH}`,
    );
  const at = ctx.at;
  try {
    const segs = renderNodes(ctx, body, { dot, vars: [new Map([['', dot]])] });
    // Unwinding, the outermost call is written last: a helper's output is reported at its include line.
    for (const s of segs) s.call = at;
    return segs;
  } finally {
    ctx.depth--;
    ctx.at = at;
  }
}

/** Renders a template's top-level nodes with `dot` as `.` and `$`. */
export function renderTemplate(ctx: EvalContext, nodes: Node[], dot: Traced): { text: string; segments: Segment[] } {
  const segments = renderNodes(ctx, nodes, { dot, vars: [new Map([['', dot]])] });
  return { text: joinSegments(segments), segments };
}
