/**
 * A manifest file's documents, parsed one at a time and remembered by their text, so that a file edited in a
 * few documents is parsed again only in those (the pipeline re-reads a bundle after each round of fixes).
 *
 * A file splits at its `---` lines: in YAML 1.2 a line starting with `---` and a space, tab or line break is
 * always a document start, inside any scalar or collection (https://yaml.org/spec/1.2.2/#912-document-markers).
 * Each piece is parsed alone with the parser's offset set to where it lies, so its AST carries file offsets,
 * exactly as a parse of the whole file would give them (tested against whole-file parses of the corpus and
 * the yaml-test-suite). A file is not split, and is parsed whole, when it has a `%` directive line or a BOM
 * past its start, or when a piece does not parse to exactly one clean document: the whole parse decides then.
 *
 * The memory is data, passed explicitly (ParseMemory): a pipeline run makes one, its index parses through it
 * and its patch engine reads the same documents from it, so each file is parsed once for indexing and
 * planning and only changed documents are parsed again to verify. It holds, for each file (the path it was
 * parsed under), the documents of its text parsed last plus those the patch engine parsed while verifying
 * edits to it, and lives as long as its run. The index parses every file before the first is patched, so the
 * memory holds every file's ASTs; they take ~18x their text, so it holds at most `maxBytes` of text (default
 * 8 MiB, ~150 MB of ASTs): a file past that is not remembered and is parsed again when it is patched. Without
 * a memory, every parse is cold. It cannot change a result: a document is found by its exact text, a
 * remembered AST is only read (by the patch engine), and a value goes to one caller of parseYamlFile at most
 * (src/yaml.ts `fromPiece`).
 */
import { Composer, type Document, Parser } from 'yaml';

/** Options the pieces are parsed with (the project's YAML_PARSE_OPTIONS; passed in, so this module has no cycle). */
export type PieceOptions = ConstructorParameters<typeof Composer>[0];

/** A `---` line: the start of a document. */
const DOC_START = /^---(?=[ \t\r\n]|$)/gm;
/** Only blank lines and comments (and a BOM): such a head belongs to the document after it. */
const ONLY_COMMENTS = /^\uFEFF?(?:[ \t\r]*(?:#[^\n]*)?(?:\n|$))*$/;

/** [start, end) of each document's piece of `text`, or undefined when the file must be parsed whole. */
export function splitDocuments(text: string): Array<[number, number]> | undefined {
  if (/^%/m.test(text) || text.indexOf('\uFEFF', 1) >= 0) return undefined;
  const starts = [0];
  for (const m of text.matchAll(DOC_START)) if (m.index > 0) starts.push(m.index);
  if (starts.length > 1 && ONLY_COMMENTS.test(text.slice(0, starts[1]))) starts.splice(1, 1);
  return starts.map((s, i) => [s, starts[i + 1] ?? text.length]);
}

/** Parses `text` as if it started at `offset` of a file: node ranges and error positions are file offsets. */
export function parseAt(text: string, offset: number, options: PieceOptions): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = offset;
  return Array.from(new Composer(options).compose(parser.parse(text)));
}

/** A parsed piece: one clean document, its ranges relative to where it lay when parsed. */
export interface Piece {
  ast: Document.Parsed;
  /** Offset in its file where the piece started when it was parsed. */
  origin: number;
  /** The value from `ast.toJS` (or why there is none): computed once, given out at most once. */
  value: { value: unknown } | { message: string };
  /** Whether `value` was given to a caller of parseYamlFile already. */
  taken: boolean;
}

/** Pieces by text; several for a text that occurs more than once. */
type Memory = Map<string, Piece[]>;

/** The pieces remembered for one file, and the bytes of their texts. */
interface FileMemory {
  pieces: Memory;
  bytes: number;
}

/** How much text a memory holds the ASTs of, by default: 8 MiB (~150 MB of ASTs). */
export const DEFAULT_MEMORY_BYTES = 8 * 1024 * 1024;

/**
 * One run's parse results: the pieces of each file, by the path it was parsed under ('' for a parse without
 * one), and the text last found within the default size and depth limits (src/yaml-limits.ts), so the patch
 * engine does not measure again the text the planner has just parsed.
 */
export interface ParseMemory {
  files: Map<string, FileMemory>;
  /** Bytes of text whose pieces are held, over all files. */
  bytes: number;
  /** The most bytes of text it holds pieces of: a file that would pass it is not remembered. */
  maxBytes: number;
  withinLimits?: string;
}

/** An empty memory, for one run (a pipeline run makes one and passes it to every parse of its files). */
export function createParseMemory(opts: { maxBytes?: number } = {}): ParseMemory {
  return { files: new Map(), bytes: 0, maxBytes: opts.maxBytes ?? DEFAULT_MEMORY_BYTES };
}

function recall(from: Memory, text: string, origin: number): Piece | undefined {
  const list = from.get(text);
  if (!list || list.length === 0) return undefined;
  const at = list.findIndex((p) => p.origin === origin);
  return list.splice(at < 0 ? 0 : at, 1)[0];
}

function keep(into: Memory, text: string, piece: Piece): void {
  const list = into.get(text);
  if (list) list.push(piece);
  else into.set(text, [piece]);
}

/**
 * The pieces of `text` (each remembered in `into` under `file`, or parsed now), or undefined when the file
 * must be parsed whole. Afterwards the memory holds exactly these pieces for `file` (those of its earlier
 * text are dropped), unless that would pass its `maxBytes`. Default memory: none (every piece parsed now).
 */
export function piecesOf(
  text: string,
  options: PieceOptions,
  toValue: (ast: Document.Parsed) => Piece['value'],
  into: ParseMemory = createParseMemory(),
  file = '',
): Array<{ piece: Piece; start: number; end: number }> | undefined {
  const old = into.files.get(file);
  if (old) {
    into.files.delete(file);
    into.bytes -= old.bytes;
  }
  const bounds = splitDocuments(text);
  if (!bounds) return undefined;
  const memory = old?.pieces ?? new Map<string, Piece[]>();
  const next: FileMemory = { pieces: new Map(), bytes: 0 };
  const out: Array<{ piece: Piece; start: number; end: number }> = [];
  for (const [start, end] of bounds) {
    const body = text.slice(start, end);
    let piece = recall(memory, body, start);
    if (!piece) {
      const docs = parseAt(body, start, options);
      const ast = docs[0];
      if (docs.length !== 1 || !ast || ast.errors.length > 0 || ast.warnings.length > 0) return undefined;
      piece = { ast, origin: start, value: toValue(ast), taken: false };
    }
    keep(next.pieces, body, piece);
    next.bytes += body.length;
    out.push({ piece, start, end });
  }
  if (into.bytes + next.bytes <= into.maxBytes) {
    into.files.set(file, next);
    into.bytes += next.bytes;
  }
  return out;
}

/**
 * Remembers a piece the patch engine parsed while verifying an edit of `file`: the next parse of the patched
 * file through the same memory finds it instead of parsing that document again (within `maxBytes`).
 */
export function rememberPiece(
  into: ParseMemory,
  text: string,
  ast: Document.Parsed,
  origin: number,
  value: unknown,
  file = '',
): void {
  if (into.bytes + text.length > into.maxBytes) return;
  let entry = into.files.get(file);
  if (!entry) {
    entry = { pieces: new Map(), bytes: 0 };
    into.files.set(file, entry);
  }
  keep(entry.pieces, text, { ast, origin, value: { value }, taken: false });
  entry.bytes += text.length;
  into.bytes += text.length;
}
