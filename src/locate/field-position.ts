/**
 * Where a field is in the file text, and the comment a human wrote beside it: a value kubemend keeps as an
 * explicit choice is reported with its line and comment (`privileged: true  # needs net admin for
 * iptables`), so the reviewer sees the reason already recorded.
 */
import { type ParseMemory, parseYamlFile } from '../yaml.js';

export interface FieldPosition {
  /** 1-based line of the value. */
  line: number;
  /** The comment on that line, or on the comment-only line right above it. */
  comment?: string;
}

/** The reference tokens of an RFC 6901 pointer, numeric ones as numbers. */
export function pointerTokens(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

/** The `# comment` of a YAML line, outside quotes (a `#` starts a comment only after whitespace). */
export function trailingComment(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(i + 1).trim() || undefined;
  }
  return undefined;
}

/** Positions of `(doc, pointer)` items in `text`, keyed `doc|pointer`; items that cannot be found are left out. Default memory: none; `file` is the path it remembers the file under. */
export function skipPositions(
  text: string,
  items: Array<{ doc: number; pointer: string }>,
  memory?: ParseMemory,
  file?: string,
): Map<string, FieldPosition> {
  const out = new Map<string, FieldPosition>();
  if (!items.length) return out;
  const parsed = parseYamlFile(text, { ...(memory ? { memory } : {}), ...(file !== undefined ? { file } : {}) });
  const lines = text.split(/\r?\n/);
  for (const { doc, pointer } of items) {
    const node = parsed.docs[doc]?.ast.getIn(pointerTokens(pointer), true) as
      { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    if (offset === undefined) continue;
    const line = parsed.lineCounter.linePos(offset).line;
    const above = /^\s*#(.*)$/.exec(lines[line - 2] ?? '')?.[1]?.trim();
    const comment = trailingComment(lines[line - 1] ?? '') ?? (above || undefined);
    out.set(`${doc}|${pointer}`, comment ? { line, comment } : { line });
  }
  return out;
}
