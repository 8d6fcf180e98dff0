/**
 * Escaping for every string that comes from a finding or a manifest before it lands in a pull request,
 * a comment or a check run. Resource names, container names, image references and scanner messages are
 * attacker-controlled (anyone who can open a PR that a scanner reads can choose them): they must not ping
 * people, link issues, inject HTML or links, or break the tables they sit in.
 *
 * Two rules keep the rendered text exactly what the source said:
 * - copyable text (code spans, fenced blocks) holds the source bytes, never an escape or an invisible
 *   character: GitHub renders nothing inside code (no HTML, mentions, references or links), so nothing
 *   needs escaping there but a table cell's `|`;
 * - outside code, a word that GitHub would turn into a mention, a reference or a link (`@user`, `#12`,
 *   `org/repo#3`, `GH-4`, `https://…`, `www.…`, `img@sha256:…`) is put in a code span; other markdown and
 *   HTML punctuation is backslash-escaped (which renders as the character itself). No HTML entities, no
 *   zero-width characters.
 * GitHub's rules: https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/autolinked-references-and-urls
 * Code spans and backslash escapes: https://spec.commonmark.org/0.31.2/#code-spans, GFM tables:
 * https://github.github.com/gfm/#tables-extension-
 */

export interface EscapeOptions {
  /**
   * The text sits in a GFM table cell: `|` is escaped everywhere, code spans included (GitHub splits
   * cells on it even there, and renders `\|` as `|` in both). Outside tables a code span keeps `|` as is.
   * Default: false.
   */
  table?: boolean;
}

/** Markdown and HTML punctuation that can start emphasis, links, tags, entities, math or split a cell. */
const PUNCTUATION = /[\\*_[\]<>&|~$]/g;

/** Words GitHub autolinks: mentions, emails and `x@y` references, issue references, URLs. */
const AUTOLINK = /[@#]|:\/\/|www\.|\bGH-\d/i;

/**
 * Makes an untrusted string inert in GitHub-flavoured markdown, on one line. Code spans it already holds
 * (catalog prose writes field names as `runAsNonRoot`) stay code spans with the same content.
 */
export function escapeMarkdown(text: string, opts: EscapeOptions = {}): string {
  const segments = splitCodeSpans(flatten(text)).flatMap((part) => (part.code ? [part] : proseSegments(part.text)));
  // Two code spans side by side would read as one longer fence: join them into one span.
  const merged: Part[] = [];
  for (const seg of segments) {
    const last = merged.at(-1);
    if (last?.code && seg.code) last.text += seg.text;
    else merged.push({ ...seg });
  }
  return merged.map((seg) => (seg.code ? inlineCode(seg.text, opts) : escapePunctuation(seg.text))).join('');
}

/** Backslash-escapes markup punctuation; `_` inside a word (`NET_RAW`) is left alone: GFM never reads it as emphasis. */
function escapePunctuation(text: string): string {
  return text.replace(PUNCTUATION, (c, i: number) =>
    c === '_' && /[A-Za-z0-9]/.test(text[i - 1] ?? '') && /[A-Za-z0-9]/.test(text[i + 1] ?? '') ? c : `\\${c}`,
  );
}

/** Characters a name can hold and still read as itself in markdown, outside code. */
const PLAIN_NAME = /^[A-Za-z0-9 .,:;/=+()'"-]*$/;

/**
 * A name from a manifest or a finding (resource, namespace, container, file, tool): as it is when it is
 * plain, else whole in a code span, so a reader sees and copies exactly the name, backticks included.
 */
export function escapeName(text: string, opts: EscapeOptions = {}): string {
  return PLAIN_NAME.test(text) ? text : inlineCode(text, opts);
}

/**
 * Wraps a string in a code span that renders exactly that string and cannot be closed early: the fence
 * is one backtick longer than the longest backtick run inside, padded with a space where CommonMark
 * would otherwise strip one or read a fence. Newlines become spaces (a code span is one line).
 */
export function inlineCode(text: string, opts: EscapeOptions = {}): string {
  const flat = flatten(text);
  const content = opts.table ? flat.replace(/\|/g, '\\|') : flat;
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const stripped = content.length > 1 && content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content);
  const pad = content === '' || content.startsWith('`') || content.endsWith('`') || stripped ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A fence for a fenced code block that the content cannot close: longer than any backtick run in it.
 * Inside a fenced block GitHub renders no HTML, mentions or references, so the content goes in as it is.
 */
export function codeFence(content: string): string {
  const longest = Math.max(2, ...(content.match(/`{3,}/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

function flatten(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

/** Prose split into words and spaces; a word GitHub would autolink (or holding a stray backtick) becomes code. */
function proseSegments(text: string): Part[] {
  return (text.match(/ +|[^ ]+/g) ?? []).map((word) => ({
    code: word !== ' '.repeat(word.length) && (AUTOLINK.test(word) || word.includes('`')),
    text: word,
  }));
}

interface Part {
  code: boolean;
  text: string;
}

/**
 * CommonMark's code spans: a run of N backticks up to the next run of exactly N. A run without a match is
 * literal text (left in its word, which then goes into a code span of its own). The content loses one
 * leading and one trailing space when it has both, as CommonMark renders it.
 */
function splitCodeSpans(text: string): Part[] {
  const parts: Part[] = [];
  let prose = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      prose += text[i++];
      continue;
    }
    const open = /^`+/.exec(text.slice(i))?.[0] ?? '`';
    const close = findRun(text, i + open.length, open.length);
    if (close < 0) {
      prose += open;
      i += open.length;
      continue;
    }
    if (prose) parts.push({ code: false, text: prose });
    prose = '';
    let content = text.slice(i + open.length, close);
    if (content.length > 1 && content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content))
      content = content.slice(1, -1);
    parts.push({ code: true, text: content });
    i = close + open.length;
  }
  if (prose) parts.push({ code: false, text: prose });
  return parts;
}

/** Index of the next backtick run of exactly `length` at or after `from`, or -1. */
function findRun(text: string, from: number, length: number): number {
  const runs = /`+/g;
  runs.lastIndex = from;
  for (let m = runs.exec(text); m; m = runs.exec(text)) if (m[0].length === length) return m.index;
  return -1;
}
