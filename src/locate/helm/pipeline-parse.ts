/**
 * The inside of one Go-template action (`{{ $x := include "a" . | nindent 4 }}`) parsed into a pipeline:
 * optional variable declaration, then commands joined by `|`, each a list of operands. Only the syntax
 * text/template defines (https://pkg.go.dev/text/template#hdr-Pipelines); what an operand means is the
 * evaluator's business.
 */
import { HelmTemplateError } from './errors.js';

export type Operand =
  | { t: 'dot' }
  | { t: 'field'; chain: string[] }
  | { t: 'var'; name: string; chain: string[] }
  | { t: 'lit'; value: unknown }
  | { t: 'ident'; name: string }
  | { t: 'paren'; pipe: Pipeline; chain: string[] };

export type Command = Operand[];

export interface Pipeline {
  /** `$a := …` declares, `$a = …` assigns; `range $i, $v := …` declares two. */
  decl?: { names: string[]; assign: boolean };
  cmds: Command[];
}

type Tok = { k: 'op'; v: string } | { k: 'operand'; v: Operand };

const STRING = /^"((?:[^"\\]|\\.)*)"/;
const RAW = /^`([^`]*)`/;
const CHAR = /^'((?:[^'\\]|\\.)+)'/;
const NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/;
const VAR = /^\$([A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)/;
const FIELD = /^((?:\.[A-Za-z0-9_]+)+)/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const CHAIN = /^((?:\.[A-Za-z0-9_]+)+)/;

function chainOf(s: string): string[] {
  return s.split('.').filter(Boolean);
}

function unquote(body: string): string {
  return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')}"`) as string;
}

function tokenize(src: string, where: string): Tok[] {
  const out: Tok[] = [];
  let s = src;
  while ((s = s.replace(/^\s+/, ''))) {
    let m: RegExpExecArray | null;
    if (s.startsWith(':=') || s.startsWith('=') || s[0] === '|' || s[0] === '(' || s[0] === ')' || s[0] === ',') {
      const v = s.startsWith(':=') ? ':=' : (s[0] as string);
      out.push({ k: 'op', v });
      s = s.slice(v.length);
      if (v === ')' && (m = CHAIN.exec(s))) {
        out.push({ k: 'op', v: `chain${m[1]}` });
        s = s.slice(m[0].length);
      }
    } else if ((m = STRING.exec(s)))
      (out.push({ k: 'operand', v: { t: 'lit', value: unquote(m[1] as string) } }), (s = s.slice(m[0].length)));
    else if ((m = RAW.exec(s))) (out.push({ k: 'operand', v: { t: 'lit', value: m[1] } }), (s = s.slice(m[0].length)));
    else if ((m = CHAR.exec(s)))
      (out.push({ k: 'operand', v: { t: 'lit', value: unquote(m[1] as string).codePointAt(0) } }),
        (s = s.slice(m[0].length)));
    else if ((m = VAR.exec(s)))
      (out.push({ k: 'operand', v: { t: 'var', name: m[1] as string, chain: chainOf(m[2] ?? '') } }),
        (s = s.slice(m[0].length)));
    else if ((m = FIELD.exec(s)))
      (out.push({ k: 'operand', v: { t: 'field', chain: chainOf(m[1] as string) } }), (s = s.slice(m[0].length)));
    else if (s[0] === '.') (out.push({ k: 'operand', v: { t: 'dot' } }), (s = s.slice(1)));
    else if ((m = NUMBER.exec(s)) && !/^[-+]\D/.test(s))
      (out.push({ k: 'operand', v: { t: 'lit', value: Number(m[0]) } }), (s = s.slice(m[0].length)));
    else if ((m = IDENT.exec(s))) {
      const w = m[0];
      const lit = w === 'true' ? true : w === 'false' ? false : w === 'nil' ? null : undefined;
      out.push({
        k: 'operand',
        v: lit !== undefined || w === 'nil' ? { t: 'lit', value: lit } : { t: 'ident', name: w },
      });
      s = s.slice(w.length);
    } else throw new HelmTemplateError('helm-template-syntax', `${where}: cannot read "${s.slice(0, 20)}"`);
  }
  return out;
}

/** Parses an action's text (without delimiters and keyword) into a pipeline. */
export function parsePipeline(src: string, where: string): Pipeline {
  const toks = tokenize(src, where);
  let pos = 0;
  const pipe = (): Pipeline => {
    const p: Pipeline = { cmds: [] };
    // Declaration: `$a :=`, `$a =`, `$i, $v :=`.
    const names: string[] = [];
    let look = pos;
    while (toks[look]?.k === 'operand' && (toks[look] as { v: Operand }).v.t === 'var') {
      names.push(((toks[look] as { v: Operand }).v as { name: string }).name);
      const next = toks[look + 1];
      if (next?.k === 'op' && next.v === ',') look += 2;
      else if (next?.k === 'op' && (next.v === ':=' || next.v === '=')) {
        p.decl = { names, assign: next.v === '=' };
        pos = look + 2;
        break;
      } else break;
    }
    let cmd: Command = [];
    while (pos < toks.length) {
      const t = toks[pos] as Tok;
      if (t.k === 'op' && t.v === ')') break;
      pos++;
      if (t.k === 'op' && t.v === '|') {
        p.cmds.push(cmd);
        cmd = [];
      } else if (t.k === 'op' && t.v === '(') {
        const inner = pipe();
        if (toks[pos]?.v !== ')') throw new HelmTemplateError('helm-template-syntax', `${where}: unclosed (`);
        pos++;
        const next = toks[pos];
        const chain = next?.k === 'op' && next.v.startsWith('chain') ? (pos++, chainOf(next.v.slice(5))) : [];
        cmd.push({ t: 'paren', pipe: inner, chain });
      } else if (t.k === 'operand') cmd.push(t.v);
      else throw new HelmTemplateError('helm-template-syntax', `${where}: unexpected ${t.v}`);
    }
    if (cmd.length) p.cmds.push(cmd);
    return p;
  };
  const out = pipe();
  if (pos < toks.length) throw new HelmTemplateError('helm-template-syntax', `${where}: unexpected )`);
  return out;
}
