/**
 * A unified diff of a multi-document file computed document by document: kubemend never adds or removes a
 * document, so the i-th document of the new text is the i-th of the old, and each small pair is diffed
 * alone (a whole-file Myers diff of a 1 MB bundle with thousands of edits takes most of a minute; this is
 * linear in the number of documents). Hunks are shifted to file line numbers and merged where they touch;
 * a hunk's context never crosses a `---` line, which `git apply` takes as it takes any shorter context.
 */
import { type StructuredPatchHunk, structuredPatch } from 'diff';

/** The text split after each line, kept whole (CRLF, no final newline). */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l !== '');
}

/** Documents: runs of lines, a `---` line starting each document after the first. */
function documents(all: string[]): string[][] {
  const docs: string[][] = [[]];
  for (const line of all) {
    if (/^---(\s|$)/.test(line) && (docs.at(-1) as string[]).length > 0) docs.push([]);
    (docs.at(-1) as string[]).push(line);
  }
  return docs;
}

/** The hunks of the diff, or undefined when the two texts do not split into the same number of documents. */
export function hunksByDocument(before: string, after: string, context: number): StructuredPatchHunk[] | undefined {
  const oldLines = lines(before);
  const a = documents(oldLines);
  const b = documents(lines(after));
  if (a.length !== b.length) return undefined;
  const hunks: StructuredPatchHunk[] = [];
  let oldOffset = 0;
  let newOffset = 0;
  for (const [i, docA] of a.entries()) {
    const docB = b[i] as string[];
    const ta = docA.join('');
    const tb = docB.join('');
    if (ta !== tb) {
      for (const h of structuredPatch('a', 'b', ta, tb, undefined, undefined, { context }).hunks) {
        hunks.push({ ...h, oldStart: h.oldStart + oldOffset, newStart: h.newStart + newOffset, lines: [...h.lines] });
      }
    }
    oldOffset += docA.length;
    newOffset += docB.length;
  }
  return widen(hunks, oldLines, context);
}

function leading(h: StructuredPatchHunk): number {
  const i = h.lines.findIndex((l) => !l.startsWith(' '));
  return i < 0 ? h.lines.length : i;
}

function trailing(h: StructuredPatchHunk): number {
  let n = 0;
  for (let i = h.lines.length - 1; i >= 0 && (h.lines[i] as string).startsWith(' '); i--) n++;
  return n;
}

const contextLine = (line: string): string => ` ${line.replace(/\n$/, '')}`;

/**
 * A document's hunk stops at the document's edge; git reads a hunk with less context after than before as
 * anchored at the end of the file. So each hunk gets its full context from the old text across `---`
 * lines (those lines are unchanged: changes sit inside hunks), and hunks that then meet become one.
 */
function widen(hunks: StructuredPatchHunk[], oldLines: string[], context: number): StructuredPatchHunk[] {
  const out: StructuredPatchHunk[] = [];
  for (const [i, h] of hunks.entries()) {
    const prev = out.at(-1);
    const prevEnd = prev ? prev.oldStart + prev.oldLines - 1 : 0;
    const addBefore = Math.max(0, Math.min(context - leading(h), h.oldStart - 1 - prevEnd));
    const before = oldLines.slice(h.oldStart - 1 - addBefore, h.oldStart - 1).map(contextLine);
    const next = hunks[i + 1];
    const end = h.oldStart + h.oldLines - 1;
    const nextChange = next ? next.oldStart + leading(next) - 1 : oldLines.length;
    const endsFile = (h.lines.at(-1) ?? '').startsWith('\\');
    const addAfter = endsFile
      ? 0
      : Math.max(0, Math.min(context - trailing(h), oldLines.length - end, nextChange - end));
    const after = oldLines.slice(end, end + addAfter).map(contextLine);
    // The file's last line, unchanged and without a newline, is context that says so.
    if (addAfter > 0 && end + addAfter === oldLines.length && !(oldLines.at(-1) ?? '').endsWith('\n'))
      after.push('\\ No newline at end of file');
    const wide: StructuredPatchHunk = {
      oldStart: h.oldStart - addBefore,
      newStart: h.newStart - addBefore,
      oldLines: h.oldLines + addBefore + addAfter,
      newLines: h.newLines + addBefore + addAfter,
      lines: [...before, ...h.lines, ...after],
    };
    const overlap = prev ? prevEnd - wide.oldStart + 1 : -1;
    if (prev && overlap >= 0) {
      // Context shared with the previous hunk: keep it once.
      prev.lines.push(...wide.lines.slice(overlap));
      prev.oldLines += wide.oldLines - overlap;
      prev.newLines += wide.newLines - overlap;
    } else out.push(wide);
  }
  return out;
}
