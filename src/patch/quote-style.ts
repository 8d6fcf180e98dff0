/**
 * New strings follow the quoting of the strings around them: `cpu: 500m` added next to `memory: "256Mi"`
 * is written `cpu: "500m"` (issue 9, section 7: a reviewer should not see the bot's style beside theirs).
 *
 * The rule: the existing string scalars of the collection that receives the new value vote, map values and
 * sequence items (keys vote separately, for new keys). If the collection has none, the nearest level of its
 * descendants that has some votes instead, so a new `limits` map beside `requests: {cpu: "150m"}` is quoted
 * too. When every vote is the same style (double, single or plain) new strings take it; when they mix, or
 * there are none, they are plain. Only free choices vote: a string that must be quoted to stay a string
 * (`"true"`, `"1.0"`, `"yes"`) and block scalars do not. Whatever the style, a new string that must be
 * quoted is quoted (render.ts).
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { type QuoteStyle, renderScalar } from './render.js';

/** Quote styles for new text in one collection; undefined means plain. */
export interface QuoteStyles {
  /** New string values (map values, sequence items, and the scalars inside new collections). */
  quote?: QuoteStyle;
  /** New keys. */
  keyQuote?: QuoteStyle;
}

/** Collections looked at below the receiving one, at most: the vote stays local and cheap. */
const MAX_NODES = 200;

/** The style a scalar chose, or undefined when it is not a string or had no choice. */
function voteOf(node: unknown): QuoteStyle | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const t = node.type;
  if (t !== 'PLAIN' && t !== 'QUOTE_DOUBLE' && t !== 'QUOTE_SINGLE') return undefined;
  // A string that plain style would not keep a string (or not at all) was quoted by necessity.
  if (t !== 'PLAIN' && /^["']/.test(renderScalar(node.value, { quote: 'PLAIN' }))) return undefined;
  return t;
}

/** The one style all votes agree on, or undefined. */
function agreed(votes: Array<QuoteStyle | undefined>): QuoteStyle | undefined {
  const cast = votes.filter((v): v is QuoteStyle => v !== undefined);
  return cast.length > 0 && cast.every((v) => v === cast[0]) ? cast[0] : undefined;
}

/** Votes level by level below `node`, breadth first: the first level with any vote decides. */
function nearest(
  node: YAMLMap | YAMLSeq,
  vote: (c: YAMLMap | YAMLSeq) => Array<QuoteStyle | undefined>,
): QuoteStyle | undefined {
  let level: Array<YAMLMap | YAMLSeq> = [node];
  let seen = 0;
  while (level.length > 0 && seen < MAX_NODES) {
    const votes = level.flatMap(vote);
    if (votes.some((v) => v !== undefined)) return agreed(votes);
    seen += level.length;
    level = level.flatMap((c) =>
      (c.items as Array<Pair | Node>)
        .map((i) => (isPair(i) ? i.value : i))
        .filter((n): n is YAMLMap | YAMLSeq => isMap(n) || isSeq(n)),
    );
  }
  return undefined;
}

const valueVotes = (c: YAMLMap | YAMLSeq) =>
  (c.items as Array<Pair | Node>).map((i) => voteOf(isPair(i) ? i.value : i));
const keyVotes = (c: YAMLMap | YAMLSeq) => (isMap(c) ? c.items.map((p) => voteOf(p.key)) : []);

/** The quote styles for new values and keys written into `node`. */
export function quoteStyles(node: unknown): QuoteStyles {
  if (!isMap(node) && !isSeq(node)) return {};
  const quote = nearest(node, valueVotes);
  const keyQuote = nearest(node, keyVotes);
  return { ...(quote ? { quote } : {}), ...(keyQuote ? { keyQuote } : {}) };
}
