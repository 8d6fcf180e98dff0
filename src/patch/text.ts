/**
 * Line and column helpers over a document's source text. Offsets are UTF-16 indices, as `yaml` reports them.
 */

/** Offset of the first character of the line holding `pos`. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Offset just after the newline ending the line holding `pos` (or the text's length on the last line). */
export function nextLineStart(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

/** Column of `pos`; a byte-order mark at the start of the file is not a column. */
export function column(text: string, pos: number): number {
  const start = lineStart(text, pos);
  return pos - start - (start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
}

/** Moves `end` back over spaces, tabs and line breaks, never before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && ' \t\r\n'.includes(text[e - 1] as string)) e--;
  return e;
}

/** True when only spaces and tabs (and a BOM) lie between the start of `pos`'s line and `pos`. */
export function onlySpaceBefore(text: string, pos: number): boolean {
  return /^\uFEFF?[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

/** The file's line break: CRLF when any line ends with it. */
export function detectEol(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A line's content without its line break, and where it ends. */
function lineAt(text: string, pos: number): { body: string; next: number } {
  const next = nextLineStart(text, pos);
  return { body: text.slice(pos, next).replace(/\r?\n$/, ''), next };
}

/**
 * Where new entries of a block collection go: after the line holding `contentEnd` (the last entry's last
 * character) and after the comment lines that belong to the collection.
 *
 * The rule: comment lines directly after the last entry (no blank line between) and indented at least
 * `col` (the entries' column) belong to the collection, unless that run of comments is followed by a
 * blank line or a document marker (`---`, `...`), or ends the document while more of the file follows
 * (`followed`): then it heads what follows. A comment indented less than `col`, and anything after a blank
 * line, belongs to what follows.
 */
export function insertionPoint(text: string, contentEnd: number, col: number, followed = false): number {
  const afterEntry = nextLineStart(text, Math.max(0, contentEnd - 1));
  let pos = afterEntry;
  while (pos < text.length) {
    const { body, next } = lineAt(text, pos);
    const m = /^([ \t]*)#/.exec(body);
    if (!m || (m[1] as string).length < col) break;
    pos = next;
  }
  if (pos === afterEntry) return pos;
  if (pos >= text.length) return followed ? afterEntry : pos;
  return /^(?:[ \t]*|(?:---|\.\.\.)(?:[ \t].*)?)$/.test(lineAt(text, pos).body) ? afterEntry : pos;
}

/** The text to insert at `pos` so that `lines` become whole lines there, in the file's line breaks. */
export function asLines(text: string, pos: number, lines: string[], eol: string): string {
  const body = lines.join(eol);
  if (pos === text.length && text.length > 0 && !text.endsWith('\n')) return eol + body;
  return body + eol;
}
