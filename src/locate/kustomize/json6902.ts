/**
 * RFC 6902 JSON patches applied to a tracked tree: values an operation adds are sourced at the operation's
 * `value` in the patch document; moved and copied values keep the source they had.
 * Strict as kustomize's library (evanphx/json-patch): a missing parent or target is an error.
 * https://datatracker.ietf.org/doc/html/rfc6902
 */
import { isDeepStrictEqual } from 'node:util';
import { cloneNode, fromPlain, parsePointer, toPlain, type TNode, type Writer } from './tracked.js';

interface Op {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function isOp(v: unknown): v is Op {
  return v !== null && typeof v === 'object' && typeof (v as Op).op === 'string' && typeof (v as Op).path === 'string';
}

/** The parent of `tokens` and the last token, or an error. */
function parentOf(root: TNode, tokens: string[], path: string): { parent: TNode; key: string } | string {
  let cur: TNode | undefined = root;
  for (const t of tokens.slice(0, -1)) {
    cur = cur.t === 'map' ? cur.entries.get(t) : cur.t === 'seq' ? cur.items[Number(t)] : undefined;
    if (!cur) return `path ${path} does not exist`;
  }
  return { parent: cur, key: tokens[tokens.length - 1] ?? '' };
}

function indexIn(parent: TNode & { t: 'seq' }, key: string, forAdd: boolean): number | undefined {
  if (forAdd && key === '-') return parent.items.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
  const i = Number(key);
  return i < parent.items.length + (forAdd ? 1 : 0) ? i : undefined;
}

function get(root: TNode, path: string): TNode | string {
  const at = parentOf(root, parsePointer(path), path);
  if (typeof at === 'string') return at;
  if (path === '') return root;
  const { parent, key } = at;
  const found =
    parent.t === 'map'
      ? parent.entries.get(key)
      : parent.t === 'seq'
        ? parent.items[indexIn(parent, key, false) ?? -1]
        : undefined;
  return found ?? `path ${path} does not exist`;
}

function remove(root: TNode, path: string): TNode | string {
  const at = parentOf(root, parsePointer(path), path);
  if (typeof at === 'string') return at;
  const { parent, key } = at;
  const node = get(root, path);
  if (typeof node === 'string') return node;
  if (parent.t === 'map') parent.entries.delete(key);
  else if (parent.t === 'seq') parent.items.splice(Number(key), 1);
  return node;
}

/** Adds (or, with `replace`, replaces) `value` at `path`; the new root, or an error. */
function put(root: TNode, path: string, value: TNode, replace: boolean): TNode | string {
  if (path === '') return value;
  const at = parentOf(root, parsePointer(path), path);
  if (typeof at === 'string') return at;
  const { parent, key } = at;
  if (parent.t === 'map') {
    if (replace && !parent.entries.has(key)) return `path ${path} does not exist`;
    parent.entries.set(key, value);
    return root;
  }
  if (parent.t !== 'seq') return `parent of ${path} is not an object or an array`;
  const i = indexIn(parent, key, !replace);
  if (i === undefined) return `index in ${path} is out of range`;
  parent.items.splice(i, replace ? 1 : 0, value);
  return root;
}

/** Applies the operations of a patch document; returns the new root, or an error message. */
export function applyJson6902(root: TNode, ops: unknown, w: Writer): TNode | string {
  if (!Array.isArray(ops)) return 'a JSON6902 patch must be a list of operations';
  let cur = root;
  for (const [i, op] of ops.entries()) {
    if (!isOp(op)) return `operation ${i} has no op or path`;
    const next = applyOne(cur, op, i, w);
    if (typeof next === 'string') return `operation ${i} (${op.op} ${op.path}): ${next}`;
    cur = next;
  }
  return cur;
}

function applyOne(root: TNode, op: Op, i: number, w: Writer): TNode | string {
  switch (op.op) {
    case 'add':
      return put(root, op.path, fromPlain(op.value, w, `/${i}/value`), false);
    case 'replace':
      return put(root, op.path, fromPlain(op.value, w, `/${i}/value`), true);
    case 'remove': {
      const removed = remove(root, op.path);
      return typeof removed === 'string' ? removed : root;
    }
    case 'move': {
      const moved = remove(root, op.from ?? '');
      return typeof moved === 'string' ? moved : put(root, op.path, moved, false);
    }
    case 'copy': {
      const copied = get(root, op.from ?? '');
      return typeof copied === 'string' ? copied : put(root, op.path, cloneNode(copied), false);
    }
    case 'test': {
      const found = get(root, op.path);
      if (typeof found === 'string') return found;
      return isDeepStrictEqual(toPlain(found), op.value) ? root : 'test failed';
    }
    default:
      return `unknown operation ${op.op}`;
  }
}
