/**
 * Turns one RFC 6902 operation into text edits on a document, using the AST's source ranges. Nothing is
 * re-stringified: new text is rendered for the new value only, in the surrounding style.
 */
import { isMap, type YAMLSeq } from 'yaml';
import type { Operation } from '../model.js';
import { addToMap, addToSeq, replaceItem, setPair } from './edit-add.js';
import { removeFrom } from './edit-remove.js';
import { type EditResult, missing, unsupported } from './edit.js';
import { pointerTokens, resolvePath, type Step } from './resolve.js';
import { localStyle, type Work } from './work.js';

export type { Edit, EditResult } from './edit.js';

/** The text edits for one operation against the document's current AST, or why it cannot be done. */
export function editsFor(w: Work, op: Operation): EditResult {
  if (op.op === 'test') return { edits: [] };
  if (op.op !== 'add' && op.op !== 'remove' && op.op !== 'replace')
    return unsupported(`op "${op.op}" is not supported`);
  const tokens = pointerTokens(op.path);
  if (tokens.length === 0) return unsupported('replacing a whole document is not supported');
  const resolved = resolvePath(w.doc, tokens);
  if ('code' in resolved) return resolved;
  const k = resolved.steps.length - 1;
  const r = editsAt(w, op, resolved.steps, tokens);
  if ('edits' in r) for (const e of r.edits) e.depth = k;
  return r;
}

function editsAt(work: Work, op: Operation, steps: Step[], tokens: string[]): EditResult {
  const k = steps.length - 1;
  const w = op.op === 'remove' ? work : { ...work, style: localStyle(work, steps) };
  const step = steps[k] as Step;
  const value = 'value' in op ? (op.value as unknown) : undefined;
  if (op.op === 'remove')
    return step.pair || (step.index !== undefined && step.index < step.node.items.length)
      ? removeFrom(w, steps, k)
      : missing(op.path);
  if (isMap(step.node)) {
    if (step.pair) return setPair(w, step.node, step.pair, value);
    return op.op === 'add' ? addToMap(w, steps, k, tokens[k] as string, value) : missing(op.path);
  }
  const seq = step.node as YAMLSeq;
  const index = step.index as number;
  if (op.op === 'add') return addToSeq(w, steps, k, index, value);
  return index < seq.items.length ? replaceItem(w, seq, index, value) : missing(op.path);
}
