/**
 * JSON manifests: the same contract through jsonc-parser's `modify`/`applyEdits`, which edit the text in
 * place and format only the new parts with the file's own indentation and line breaks.
 */
import {
  applyEdits,
  findNodeAtLocation,
  type FormattingOptions,
  type JSONPath,
  modify,
  type Node as JsonNode,
  parse,
  type ParseError,
  parseTree,
} from 'jsonc-parser';
import type { Operation } from '../model.js';
import { patchByItem } from './json-items.js';
import { pointerTokens } from './resolve.js';
import { sizeBudget } from './size-budget.js';
import { detectEol } from './text.js';
import type { Change, PatchCode, PatchResult, Refusal } from './types.js';
import { deepEqual, expectedValue } from './verify.js';

type Failure = { code: PatchCode; message: string };

/** The value of a JSON text, or why it does not parse. */
export function parseJson(text: string): { value: unknown } | Failure {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0)
    return {
      code: 'patch-doc-unparseable',
      message: `JSON does not parse (error ${errors[0]?.error} at offset ${errors[0]?.offset})`,
    };
  return { value };
}

function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: detectEol(text),
  };
}

/** One op as a jsonc-parser edit; array tokens become numbers, looked up in the current value. */
function applyOp(text: string, value: unknown, op: Operation, fmt: FormattingOptions): string | Failure {
  if (op.op === 'test') return text;
  if (op.op !== 'add' && op.op !== 'remove' && op.op !== 'replace')
    return { code: 'patch-unsupported', message: `op "${op.op}" is not supported` };
  const tokens = pointerTokens(op.path);
  if (tokens.length === 0) return { code: 'patch-unsupported', message: 'replacing a whole document is not supported' };
  const path: JSONPath = [];
  let node: unknown = value;
  for (const t of tokens) {
    const seq = Array.isArray(node);
    const seg = seq ? (t === '-' ? (node as unknown[]).length : Number(t)) : t;
    path.push(seg);
    node = (node as Record<string | number, unknown> | undefined)?.[seg as never];
  }
  const parentIsArray = Array.isArray(tokens.length > 1 ? valueAt(value, tokens.slice(0, -1)) : value);
  const newValue = op.op === 'remove' ? undefined : (op as { value: unknown }).value;
  const parent = findNodeAtLocation(parseTree(text) as JsonNode, path.slice(0, -1));
  const oneLine = parent !== undefined && !/[\r\n]/.test(text.slice(parent.offset, parent.offset + parent.length));
  const children = parent?.children ?? [];
  const last = children[children.length - 1];
  const isNew =
    op.op === 'add' &&
    (parentIsArray ||
      !Object.hasOwn(valueAt(value, tokens.slice(0, -1)) as object, tokens[tokens.length - 1] as string));
  // jsonc-parser re-formats the whole line of an edit; a one-line container is edited by hand instead,
  // keeping its own separator style (", " or ",").
  if (oneLine && isNew && last && (!parentIsArray || path[path.length - 1] === children.length)) {
    const own = text.slice(parent.offset, parent.offset + parent.length);
    const sep = /,\S/.test(own) ? ',' : ', ';
    const colon = /":\S/.test(own) ? ':' : ': ';
    const at = last.offset + last.length;
    const entry = parentIsArray
      ? JSON.stringify(newValue)
      : `${JSON.stringify(tokens[tokens.length - 1])}${colon}${JSON.stringify(newValue)}`;
    return text.slice(0, at) + sep + entry + text.slice(at);
  }
  // A new last entry of a multi-line container goes on its own line at the previous entry's indentation;
  // jsonc-parser would re-format the previous entry's whole line (e.g. a one-line `"ports": [{ ... }]`).
  if (!oneLine && isNew && last && (!parentIsArray || path[path.length - 1] === children.length)) {
    const at = last.offset + last.length;
    const lineStart = text.lastIndexOf('\n', last.offset) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
    const eol = fmt.eol ?? '\n';
    const rendered = JSON.stringify(newValue, null, unit)
      .split('\n')
      .join(eol + indent);
    const entry = parentIsArray ? rendered : `${JSON.stringify(tokens[tokens.length - 1])}: ${rendered}`;
    return `${text.slice(0, at)},${eol}${indent}${entry}${text.slice(at)}`;
  }
  const plain =
    op.op === 'remove' ? oneLine : op.op === 'replace' && (newValue === null || typeof newValue !== 'object');
  const edits = modify(text, path, newValue, {
    formattingOptions: plain ? undefined : fmt,
    isArrayInsertion: op.op === 'add' && parentIsArray,
  });
  return applyEdits(text, edits);
}

function valueAt(value: unknown, tokens: string[]): unknown {
  return tokens.reduce<unknown>(
    (v, t) => (v as Record<string, unknown> | undefined)?.[Array.isArray(v) ? Number(t) : t],
    value,
  );
}

function tryJson(
  text: string,
  value: unknown,
  ops: Operation[],
  fmt: FormattingOptions,
): { text: string; value: unknown } | Failure {
  const expected = expectedValue(value, ops);
  if ('code' in expected) return expected;
  let cur = text;
  let curValue = value;
  for (const op of ops) {
    const next = applyOp(cur, curValue, op, fmt);
    if (typeof next !== 'string') return next;
    const parsed = parseJson(next);
    if ('code' in parsed) return { code: 'patch-verify-failed', message: parsed.message };
    cur = next;
    curValue = parsed.value;
  }
  if (!deepEqual(curValue, expected.value))
    return { code: 'patch-verify-failed', message: 'the edited JSON does not equal the old one with the ops applied' };
  return { text: cur, value: curValue };
}

/** applyChanges for a JSON file (one document, index 0). */
export function applyJsonChanges(text: string, changes: Change[]): PatchResult {
  const refused: Refusal[] = [];
  const parsed = parseJson(text);
  const fmt = formattingOf(text);
  const usable = changes.filter((c) => {
    if ('code' in parsed) refused.push({ id: c.id, code: parsed.code, message: parsed.message });
    else if (c.doc !== 0)
      refused.push({ id: c.id, code: 'patch-doc-missing', message: `a JSON file has one document; got doc ${c.doc}` });
    else return true;
    return false;
  });
  if ('code' in parsed || usable.length === 0) return { text, applied: [], refused };
  // A List's items are patched one by one (linear in the file); anything else as one text.
  const out =
    patchByItem(text, parsed.value, usable, fmt, patchJson, parseJson) ?? patchJson(text, parsed.value, usable, fmt);
  const budget = sizeBudget(text);
  if (out.applied.length === 0 || budget.admit(text, { start: 0, end: text.length, text: out.text }))
    return { ...out, refused: [...refused, ...out.refused] };
  return {
    text,
    applied: [],
    refused: [
      ...refused,
      ...out.refused,
      ...out.applied.map((id) => ({ id, code: 'patch-too-large' as const, message: budget.message(0) })),
    ],
  };
}

/** All changes together, else one by one (refusing those that fail). */
export function patchJson(text: string, value: unknown, usable: Change[], fmt: FormattingOptions): PatchResult {
  const refused: Refusal[] = [];
  const together = tryJson(
    text,
    value,
    usable.flatMap((c) => c.ops),
    fmt,
  );
  if (!('code' in together)) return { text: together.text, applied: usable.map((c) => c.id), refused };
  const applied: string[] = [];
  let cur = { text, value };
  for (const c of usable) {
    const next = tryJson(cur.text, cur.value, c.ops, fmt);
    if ('code' in next) refused.push({ id: c.id, ...next });
    else {
      cur = next;
      applied.push(c.id);
    }
  }
  return { text: cur.text, applied, refused };
}
