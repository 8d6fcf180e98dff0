/**
 * The one wrapper every stage parses YAML through: the same parse options, the same alias and size
 * limits everywhere, and errors returned as diagnostics rather than thrown.
 */
import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from './model.js';
import { type ParseMemory, type Piece, parseAt, piecesOf, rememberPiece } from './yaml-documents.js';
import { checkLimits, type LimitCode, type LimitOptions, YAML_LIMITS } from './yaml-limits.js';

export { checkLimits, flowDepth, YAML_LIMITS } from './yaml-limits.js';
export { createParseMemory, type ParseMemory } from './yaml-documents.js';

/** Codes of the diagnostics parseYamlFile returns. */
export type YamlDiagnosticCode = 'yaml-parse-error' | LimitCode | 'yaml-alias-limit';

/**
 * Parse options shared by every parse of manifest text (the patch engine re-parses with the same ones).
 * `logLevel: 'error'` keeps `yaml` from printing process warnings (e.g. collection keys stringified by
 * toJS); problems that matter are errors on the document.
 */
export const YAML_PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, logLevel: 'error' } as const;

/** One document of a parsed file. */
export interface ParsedDoc {
  /** 0-based document index in the file. */
  index: number;
  /** The plain JS value, or undefined when the document has errors. */
  value: unknown;
  /** The `yaml` Document (AST with source ranges), for stages that need positions. */
  ast: Document.Parsed;
  /** Byte offsets [start, end) of the document's content in the text (without the `---` marker). */
  range: [number, number];
  /** 1-based inclusive line range of the document's content. */
  lines: { start: number; end: number };
  /** Present when the document cannot be used. */
  error?: Diagnostic<YamlDiagnosticCode>;
}

/** The result of parseYamlFile. */
export interface ParsedFile {
  docs: ParsedDoc[];
  lineCounter: LineCounter;
  /** File-level problems (too large). Per-document errors are on the documents. */
  diagnostics: Diagnostic<YamlDiagnosticCode>[];
}

/**
 * Options of parseYamlFile: where the text comes from, the byte limit (see LimitOptions), and the run's parse
 * memory (documents parsed before, reused when their text is the same). Default memory: none (a cold parse).
 */
export type ParseOptions = Omit<LimitOptions, 'memory'> & { memory?: ParseMemory };

/** A document's plain value with the alias limit applied, or why it has none (a YAML bomb). */
function jsValue(ast: Document.Parsed): { value: unknown } | { message: string } {
  try {
    return { value: ast.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) };
  } catch (err) {
    // `yaml` throws a ReferenceError when alias expansion exceeds maxAliasCount.
    return { message: `alias expansion exceeds ${YAML_LIMITS.maxAliasCount} (${(err as Error).name})` };
  }
}

/** The line starts of `text`, as the parser's `lineCounter` option records them on a clean file (after every `\n`). */
function countLines(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/**
 * Parses every document of a manifest file, returning values and positions; never throws on bad input.
 * Documents are parsed one by one and, with a memory, remembered by their text (src/yaml-documents.ts):
 * parsing a file again through the same memory after a few of its documents changed parses only those.
 */
export function parseYamlFile(text: string, opts: ParseOptions = {}): ParsedFile {
  const limit = checkLimits(text, opts);
  if (limit) return { docs: [], lineCounter: new LineCounter(), diagnostics: [limit] };
  const pieces = piecesOf(text, YAML_PARSE_OPTIONS, jsValue, opts.memory, opts.file);
  if (!pieces) {
    // The parser's own line starts: on a document with errors it may skip some, and lines must match its positions.
    const lineCounter = new LineCounter();
    const docs = parseWhole(text, lineCounter).map((ast, index) => toParsedDoc(ast, index, lineCounter, opts.file));
    return { docs, lineCounter, diagnostics: [] };
  }
  const lineCounter = countLines(text);
  return {
    docs: pieces.map((p, index) => fromPiece(text, p, index, lineCounter, opts.file)),
    lineCounter,
    diagnostics: [],
  };
}

function parseWhole(text: string, lineCounter?: LineCounter): Document.Parsed[] {
  const asts = parseAllDocuments(text, { ...YAML_PARSE_OPTIONS, ...(lineCounter ? { lineCounter } : {}) });
  return Array.isArray(asts) ? asts : [];
}

/**
 * A remembered or new piece as a ParsedDoc. Its value goes to this caller only if nobody had it, else it is
 * computed again from the AST. The AST itself is never given out: callers get their own, parsed from the
 * piece's text when first read (few read it: line numbers of List items, the report's lines), so whatever a
 * caller does to its values or AST cannot reach another caller or the patch engine.
 */
function fromPiece(
  text: string,
  p: { piece: Piece; start: number; end: number },
  index: number,
  lc: LineCounter,
  file?: string,
): ParsedDoc {
  const { piece, start, end } = p;
  const delta = piece.origin - start;
  const v = piece.taken ? jsValue(piece.ast) : piece.value;
  piece.taken = true;
  const from = (piece.ast.contents?.range[0] ?? piece.ast.range[0]) - delta;
  const to = piece.ast.range[1] - delta;
  const base = {
    index,
    range: [from, to] as [number, number],
    lines: { start: lc.linePos(from).line, end: lc.linePos(Math.max(from, to - 1)).line },
  };
  const doc =
    'value' in v
      ? { ...base, value: v.value }
      : {
          ...base,
          value: undefined,
          error: { code: 'yaml-alias-limit' as const, message: `document ${index}: ${v.message}`, file, doc: index },
        };
  let ast: Document.Parsed | undefined;
  const load = (): Document.Parsed =>
    (ast ??= parseAt(text.slice(start, end), start, YAML_PARSE_OPTIONS)[0] as Document.Parsed);
  return Object.defineProperty(doc, 'ast', { get: load, enumerable: true }) as ParsedDoc;
}

/** One document of a file as the patch engine reads it. */
export interface FileDocument {
  ast: Document.Parsed;
  /** The AST's offsets minus the file's: non-zero when the document was parsed where it lay in an earlier text. */
  delta: number;
  /** The value computed from `ast` when it was parsed; a caller may have modified it since. */
  value?: unknown;
  /** [start, end) of the document's piece of the file (from its `---` line), when the file was split. */
  piece?: [number, number];
}

/**
 * The documents of `text` for the patch engine, from the pieces `memory` kept when the planner parsed it
 * under the path `file` (or parsed now). Unlike parseYamlFile, the engine shares the remembered ASTs and values: it never modifies
 * them, and guards against a caller that did (see src/patch/README.md). Default memory: none (parsed now).
 */
export function documentsOf(text: string, memory?: ParseMemory, file?: string): FileDocument[] {
  const pieces = piecesOf(text, YAML_PARSE_OPTIONS, jsValue, memory, file);
  if (!pieces) return parseWhole(text).map((ast) => ({ ast, delta: 0 }));
  return pieces.map(({ piece, start, end }) => ({
    ast: piece.ast,
    delta: piece.origin - start,
    ...('value' in piece.value ? { value: piece.value.value } : {}),
    piece: [start, end],
  }));
}

/**
 * Remembers in `memory` a document the patch engine parsed while verifying an edit of `file`: `text` is its
 * whole new piece, parsed at `origin`. The next parse of the patched file through that memory finds it.
 */
export function rememberDocument(
  memory: ParseMemory,
  text: string,
  ast: Document.Parsed,
  origin: number,
  value: unknown,
  file?: string,
): void {
  rememberPiece(memory, text, ast, origin, value, file);
}

function toParsedDoc(ast: Document.Parsed, index: number, lc: LineCounter, file?: string): ParsedDoc {
  const start = ast.contents?.range[0] ?? ast.range[0];
  const end = ast.range[1];
  const lines = { start: lc.linePos(start).line, end: lc.linePos(Math.max(start, end - 1)).line };
  const base = { index, ast, range: [start, end] as [number, number], lines };
  const first = ast.errors[0];
  if (first) {
    const line = lc.linePos(first.pos[0]).line;
    const error = {
      code: 'yaml-parse-error' as const,
      message: `document ${index}: ${first.message}`,
      file,
      line,
      doc: index,
    };
    return { ...base, value: undefined, error };
  }
  try {
    return { ...base, value: ast.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) };
  } catch (err) {
    // `yaml` throws a ReferenceError when alias expansion exceeds maxAliasCount (a YAML bomb).
    const message = `document ${index}: alias expansion exceeds ${YAML_LIMITS.maxAliasCount} (${(err as Error).name})`;
    return { ...base, value: undefined, error: { code: 'yaml-alias-limit', message, file, doc: index } };
  }
}
