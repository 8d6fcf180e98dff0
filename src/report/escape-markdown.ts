/**
 * Escaping for every string that comes from a finding or a manifest before it lands in a pull request,
 * a comment or a check run. Resource names, container names and scanner messages are attacker-controlled
 * (anyone who can open a PR that a scanner reads can choose them): they must not ping people, link issues,
 * inject HTML or links, or break the tables they sit in.
 * GitHub's rules: https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/autolinked-references-and-urls
 */

/** U+200D ZERO WIDTH JOINER: invisible, but breaks GitHub's @mention, #ref and URL autolinking. */
const ZWJ = '\u200d';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Markdown punctuation that can start emphasis, links, images or code, or split a table cell. Line-start
 * syntax (`#`, `-`, `>`) needs nothing more: the text is flattened onto one line and never starts one.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()!|~{}]/g;

/**
 * Makes an untrusted string inert in GitHub-flavoured markdown, on one line: HTML is entity-encoded,
 * markdown punctuation backslash-escaped (so `|` cannot split a table cell and `[x](y)` is no link),
 * and mentions, issue references and bare URLs are broken with a zero-width joiner.
 */
export function escapeMarkdown(text: string): string {
  return breakAutolinks(
    text
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/[&<>"]/g, (c) => HTML_ENTITIES[c] ?? c)
      .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`),
  );
}

/**
 * Wraps an untrusted string in a code span that cannot be closed early: the fence is one backtick longer
 * than the longest backtick run inside. `|` is still escaped because GitHub splits table cells on it even
 * inside code spans (GFM spec, "Tables" extension).
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A fence for a fenced code block that the content cannot close: longer than any backtick run in it.
 * Inside a fenced block GitHub renders no HTML, mentions or references.
 */
export function codeFence(content: string): string {
  const longest = Math.max(2, ...(content.match(/`{3,}/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

function breakAutolinks(text: string): string {
  return text
    .replace(/@/g, `@${ZWJ}`)
    .replace(/#/g, `#${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZWJ}-`)
    .replace(/:\/\//g, `:${ZWJ}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWJ}.`);
}
