/**
 * The one wrapper every stage parses YAML through: the same parse options, the same alias and size
 * limits everywhere, and errors returned as diagnostics rather than thrown.
 */
import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from './model.js';

/** Codes of the diagnostics parseYamlFile returns. */
export type YamlDiagnosticCode = 'yaml-parse-error' | 'yaml-too-large' | 'yaml-too-deep' | 'yaml-alias-limit';

/**
 * Limits applied to every file. A YAML bomb ("billion laughs") expands aliases exponentially;
 * `maxAliasCount` stops it at conversion time (see https://eemeli.org/yaml/#tojs-options).
 */
export const YAML_LIMITS = {
  /** Files larger than this are not parsed. Default: 4 MiB. */
  maxBytes: 4 * 1024 * 1024,
  /** Alias nodes resolved per document before conversion stops. Default: 100. */
  maxAliasCount: 100,
  /**
   * Flow collections (`[`, `{`) open at once. `yaml` overflows its stack near 1000 levels, and parsing such
   * input again in the same process can abort Node with a fatal out-of-memory in the RegExp compiler (seen
   * with yaml 2.9 on Node 20), which no try/catch stops; manifests never come close. Default: 256.
   */
  maxFlowDepth: 256,
} as const;

/**
 * The deepest flow nesting in `text`, counted without parsing: every bracket counts, even inside strings,
 * so the figure is an upper bound (strings with unbalanced brackets only make it larger).
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

/** The size and nesting limits, checked before any parse; undefined when the text is within them. */
export function checkLimits(text: string, opts: ParseOptions = {}): Diagnostic<YamlDiagnosticCode> | undefined {
  // The file parseYamlFile parsed last was already found within the default limits (the patch engine checks
  // again right after the planner): the same text gives the same answer.
  if (opts.maxBytes === undefined && lastParsed?.withinDefaults === true && lastParsed.text === text) return undefined;
  const maxBytes = opts.maxBytes ?? YAML_LIMITS.maxBytes;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) return { code: 'yaml-too-large', message: `file is ${size} bytes, over the ${maxBytes}-byte limit; not parsed`, file: opts.file };
  const depth = flowDepth(text);
  if (depth > YAML_LIMITS.maxFlowDepth) return { code: 'yaml-too-deep', message: `flow collections nest ${depth} deep, over the limit of ${YAML_LIMITS.maxFlowDepth}; not parsed`, file: opts.file };
  return undefined;
}

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

/** Options of parseYamlFile. */
export interface ParseOptions {
  /** Repo-relative path, used in diagnostics. */
  file?: string;
  /** Override of YAML_LIMITS.maxBytes. */
  maxBytes?: number;
}

/**
 * The last file parsed, so that a stage parsing the same text right after (the patch engine after the
 * planner) reuses its ASTs and values instead of parsing again. Holds one file; compared by identity of
 * content (`===`), so a different text is never confused with it.
 */
let lastParsed: { text: string; docs: ParsedDoc[]; withinDefaults: boolean } | undefined;

/** The ASTs and values of `text` if it is the file `parseYamlFile` parsed last, else undefined. */
export function reuseParsed(text: string): ParsedDoc[] | undefined {
  return lastParsed?.text === text ? lastParsed.docs : undefined;
}

/** Parses every document of a manifest file, returning values and positions; never throws on bad input. */
export function parseYamlFile(text: string, opts: ParseOptions = {}): ParsedFile {
  const lineCounter = new LineCounter();
  const limit = checkLimits(text, opts);
  if (limit) return { docs: [], lineCounter, diagnostics: [limit] };
  const asts = parseAllDocuments(text, { ...YAML_PARSE_OPTIONS, lineCounter });
  const list = Array.isArray(asts) ? asts : [];
  const docs = list.map((ast, index) => toParsedDoc(ast, index, lineCounter, opts.file));
  // Passing with a byte limit no larger than the default means passing the default limits too.
  lastParsed = { text, docs, withinDefaults: opts.maxBytes === undefined || opts.maxBytes <= YAML_LIMITS.maxBytes };
  return { docs, lineCounter, diagnostics: [] };
}

function toParsedDoc(ast: Document.Parsed, index: number, lc: LineCounter, file?: string): ParsedDoc {
  const start = ast.contents?.range[0] ?? ast.range[0];
  const end = ast.range[1];
  const lines = { start: lc.linePos(start).line, end: lc.linePos(Math.max(start, end - 1)).line };
  const base = { index, ast, range: [start, end] as [number, number], lines };
  const first = ast.errors[0];
  if (first) {
    const line = lc.linePos(first.pos[0]).line;
    const error = { code: 'yaml-parse-error' as const, message: `document ${index}: ${first.message}`, file, line, doc: index };
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
