/**
 * A Go template (https://pkg.go.dev/text/template) parsed into a tree: text, actions, `if`/`with`/`range`
 * blocks with their `else` branches, `define`d helpers and `template`/`block` calls. Trim markers (`{{-`,
 * `-}}`) are applied to the text here; comments are dropped. Every node keeps its 1-based template line,
 * so a rendered field can be reported where the chart author wrote it.
 */
import { HelmTemplateError } from './errors.js';
import { type Pipeline, parsePipeline } from './pipeline-parse.js';

export interface Where {
  file: string;
  line: number;
}

export type Node =
  | { t: 'text'; text: string; at: Where }
  | { t: 'action'; pipe: Pipeline; at: Where }
  | { t: 'if' | 'with'; branches: Array<{ pipe: Pipeline; body: Node[]; at: Where }>; otherwise: Node[]; at: Where }
  | { t: 'range'; pipe: Pipeline; body: Node[]; otherwise: Node[]; at: Where }
  | { t: 'template'; name: string; pipe?: Pipeline; at: Where }
  | { t: 'break' | 'continue'; at: Where };

export interface ParsedTemplate {
  file: string;
  nodes: Node[];
  defines: Map<string, Node[]>;
}

interface RawAction {
  body: string;
  at: Where;
}

type Piece = { text: string; at: Where } | RawAction;

/** Splits the source into text and action pieces, applying trim markers. */
function lex(src: string, file: string): Piece[] {
  const out: Piece[] = [];
  let pos = 0;
  let line = 1;
  let trimNext = false;
  const advance = (s: string) => (line += s.split('\n').length - 1);
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    let text = src.slice(pos, open < 0 ? src.length : open);
    // The text's line is where its first kept character is: a trimmed lead takes its newlines with it.
    const lead = trimNext ? (/^\s+/.exec(text)?.[0] ?? '') : '';
    const textLine = line + lead.split('\n').length - 1;
    advance(text);
    if (open < 0) {
      out.push({ text: text.slice(lead.length), at: { file, line: textLine } });
      break;
    }
    const trimLeft = /^\{\{-[\s]/.test(src.slice(open, open + 4));
    text = text.slice(lead.length);
    if (trimLeft) text = text.replace(/\s+$/, '');
    out.push({ text, at: { file, line: textLine } });
    let start = open + (trimLeft ? 3 : 2);
    const at = { file, line };
    let close: number;
    const rest = src.slice(start).replace(/^\s*/, '');
    if (rest.startsWith('/*')) {
      const end = src.indexOf('*/', start);
      close = end < 0 ? -1 : src.indexOf('}}', end);
    } else close = findClose(src, start);
    if (close < 0) throw new HelmTemplateError('helm-template-syntax', `${file}:${line}: unclosed action`);
    const trimRight = /[\s]-$/.test(src.slice(start, close));
    const body = src.slice(start, trimRight ? close - 1 : close);
    advance(src.slice(open, close + 2));
    if (!rest.startsWith('/*')) out.push({ body: body.trim(), at });
    trimNext = trimRight;
    pos = close + 2;
    start = pos;
  }
  return out;
}

/** The `}}` closing an action, skipping quoted strings (a `}}` inside "…" is text). */
function findClose(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
    } else if (c === '`') i = src.indexOf('`', i + 1);
    else if (c === '}' && src[i + 1] === '}') return i;
    if (i < 0) return -1;
    i++;
  }
  return -1;
}

const KEYWORD = /^(if|else|end|with|range|define|template|block|break|continue)\b\s*/;

/** Parses a template's source; `define`s anywhere in it are collected by name. */
export function parseTemplate(src: string, file: string): ParsedTemplate {
  const pieces = lex(src, file);
  const defines = new Map<string, Node[]>();
  let i = 0;
  const where = (a: Where) => `${a.file}:${a.line}`;
  /** Reads nodes until an `end` or `else` at this level; returns the terminator's action text. */
  const list = (): { nodes: Node[]; stop?: RawAction } => {
    const nodes: Node[] = [];
    while (i < pieces.length) {
      const p = pieces[i++] as Piece;
      if ('text' in p) {
        if (p.text) nodes.push({ t: 'text', text: p.text, at: p.at });
        continue;
      }
      const kw = KEYWORD.exec(p.body);
      const rest = kw ? p.body.slice(kw[0].length) : p.body;
      switch (kw?.[1]) {
        case undefined:
          nodes.push({ t: 'action', pipe: parsePipeline(p.body, where(p.at)), at: p.at });
          break;
        case 'end':
        case 'else':
          return { nodes, stop: p };
        case 'if':
        case 'with':
          nodes.push(conditional(kw[1], rest, p.at));
          break;
        case 'range': {
          const body = list();
          const otherwise = body.stop && /^else\b/.test(body.stop.body) ? closeElse() : [];
          nodes.push({ t: 'range', pipe: parsePipeline(rest, where(p.at)), body: body.nodes, otherwise, at: p.at });
          break;
        }
        case 'define':
        case 'block': {
          const m = /^"((?:[^"\\]|\\.)*)"\s*(.*)$/s.exec(rest);
          if (!m) throw new HelmTemplateError('helm-template-syntax', `${where(p.at)}: ${kw[1]} without a name`);
          const body = list();
          defines.set(m[1] as string, body.nodes);
          if (kw[1] === 'block')
            nodes.push({
              t: 'template',
              name: m[1] as string,
              pipe: parsePipeline(m[2] as string, where(p.at)),
              at: p.at,
            });
          break;
        }
        case 'template': {
          const m = /^"((?:[^"\\]|\\.)*)"\s*(.*)$/s.exec(rest);
          if (!m) throw new HelmTemplateError('helm-template-syntax', `${where(p.at)}: template without a name`);
          nodes.push({
            t: 'template',
            name: m[1] as string,
            ...(m[2] ? { pipe: parsePipeline(m[2], where(p.at)) } : {}),
            at: p.at,
          });
          break;
        }
        default:
          nodes.push({ t: kw?.[1] as 'break' | 'continue', at: p.at });
      }
    }
    return { nodes };
  };
  /** The nodes of a final `else` branch, up to its `end`. */
  const closeElse = (): Node[] => list().nodes;
  const conditional = (kind: 'if' | 'with', first: string, at: Where): Node => {
    const branches: Array<{ pipe: Pipeline; body: Node[]; at: Where }> = [];
    let cond = first;
    let condAt = at;
    for (;;) {
      const body = list();
      branches.push({ pipe: parsePipeline(cond, where(condAt)), body: body.nodes, at: condAt });
      if (!body.stop) throw new HelmTemplateError('helm-template-syntax', `${where(at)}: ${kind} without end`);
      const elseIf = new RegExp(`^else\\s+${kind}\\b\\s*`).exec(body.stop.body);
      if (elseIf) {
        cond = body.stop.body.slice(elseIf[0].length);
        condAt = body.stop.at;
        continue;
      }
      const otherwise = /^else\b/.test(body.stop.body) ? closeElse() : [];
      return { t: kind, branches, otherwise, at };
    }
  };
  const top = list();
  if (top.stop)
    throw new HelmTemplateError('helm-template-syntax', `${where(top.stop.at)}: unexpected ${top.stop.body}`);
  return { file, nodes: top.nodes, defines };
}
