/**
 * Finds the AST nodes a JSON pointer goes through, refusing paths through aliases, anchored nodes and
 * maps with a merge key: an edit there would change other places of the document too, or be shadowed.
 */
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { PatchCode } from './types.js';

/** One step of a resolved path: the collection, and the entry the next token selects in it. */
export interface Step {
  node: YAMLMap | YAMLSeq;
  /** The pair (maps) or the index (sequences) selected; undefined when the token names nothing yet. */
  pair?: Pair;
  index?: number;
}

/** The steps of a resolved path and the node it names (undefined when the last token names nothing yet), or a refusal. */
export type Resolved = { steps: Step[]; target: Node | null | undefined } | { code: PatchCode; message: string };

/** RFC 6901 tokens of a pointer. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function keyOf(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  return k === null ? '' : undefined;
}

function guard(node: unknown, path: string): { code: PatchCode; message: string } | undefined {
  if (isAlias(node)) return { code: 'patch-alias', message: `${path || '/'} goes through an alias` };
  if ((isScalar(node) || isCollection(node)) && node.anchor)
    return { code: 'patch-alias', message: `${path || '/'} is an anchored node (&${node.anchor})` };
  if (isMap(node) && node.items.some((p) => keyOf(p) === '<<'))
    return { code: 'patch-merge-key', message: `${path || '/'} is a map with a merge key (<<)` };
  return undefined;
}

/** Resolves `tokens` from the document root; the last token may name a missing entry. */
export function resolvePath(doc: Document.Parsed, tokens: string[]): Resolved {
  const steps: Step[] = [];
  let node: unknown = doc.contents;
  let path = '';
  for (const [i, token] of tokens.entries()) {
    const refused = guard(node, path);
    if (refused) return refused;
    path += `/${token}`;
    const last = i === tokens.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyOf(p) === token);
      steps.push({ node, pair });
      if (!pair && !last) return { code: 'patch-path-missing', message: `${path} does not exist` };
      node = pair?.value;
    } else if (isSeq(node)) {
      const index = token === '-' ? node.items.length : /^(0|[1-9]\d*)$/.test(token) ? Number(token) : -1;
      if (index < 0 || index > node.items.length || (index === node.items.length && !last))
        return { code: 'patch-path-missing', message: `${path} does not exist` };
      steps.push({ node, index });
      node = node.items[index];
    } else {
      return { code: 'patch-path-missing', message: `${path}: parent is not a map or a sequence` };
    }
  }
  const refused = node === undefined ? undefined : guard(node, path);
  if (refused) return refused;
  return { steps, target: node as Node | null | undefined };
}

/** A subtree that holds an anchor may be aliased elsewhere: removing or replacing it is refused. */
export function holdsAnchor(node: unknown): boolean {
  if (!node || !(isScalar(node) || isCollection(node) || isPair(node))) return false;
  let found = false;
  visit(node as Node, {
    Node(_, n) {
      if ((isScalar(n) || isCollection(n)) && n.anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
