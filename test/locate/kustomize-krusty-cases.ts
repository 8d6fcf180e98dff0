/**
 * Extracts kustomize's end-to-end cases (api/krusty/*_test.go) as data: the files a test writes with
 * th.WriteF/WriteK/WriteC, the directory it builds with th.Run, and the output it asserts with
 * th.AssertActualEqualsExpected (or that th.RunWithErr fails). A tiny reader of the Go subset these tests
 * use: string literals (raw and interpreted), constants, `+`, filepath.Join, local string variables and
 * helper functions taking only the harness. A test it cannot follow is reported with the reason.
 */
type Tok = { k: 'str'; v: string } | { k: 'id'; v: string } | { k: 'p'; v: string };

function unquote(s: string): string {
  try {
    return JSON.parse(s.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007')) as string;
  } catch {
    return s.slice(1, -1);
  }
}

export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    else if (src.startsWith('/*', i)) i = src.indexOf('*/', i + 2) + 2;
    else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      out.push({ k: 'str', v: src.slice(i + 1, end).replace(/\r/g, '') });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out.push(c === '"' ? { k: 'str', v: unquote(src.slice(i, j + 1)) } : { k: 'p', v: src.slice(i, j + 1) });
      i = j + 1;
    } else if (/[A-Za-z0-9_]/.test(c)) {
      const m = /^[A-Za-z0-9_]+/.exec(src.slice(i))?.[0] ?? c;
      out.push({ k: 'id', v: m });
      i += m.length;
    } else if (src.startsWith(':=', i)) {
      out.push({ k: 'p', v: ':=' });
      i += 2;
    } else {
      out.push({ k: 'p', v: c });
      i++;
    }
  }
  return out;
}

/** Index just past the bracket that closes the one at `open`. */
function closing(toks: Tok[], open: number): number {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    const t = toks[i];
    if (t?.k !== 'p') continue;
    if ('({['.includes(t.v)) depth++;
    if (')}]'.includes(t.v) && --depth === 0) return i + 1;
  }
  return toks.length;
}

export interface GoFile {
  consts: Map<string, Tok[]>;
  funcs: Map<string, { params: string; body: Tok[] }>;
}

function isP(t: Tok | undefined, v: string): boolean {
  return t?.k === 'p' && t.v === v;
}

/** Top-level functions (name, parameter text, body tokens) and const/var declarations (expression tokens). */
export function readGoFile(src: string): GoFile {
  const toks = tokenize(src);
  const file: GoFile = { consts: new Map(), funcs: new Map() };
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (t?.k === 'id' && t.v === 'func' && toks[i + 1]?.k === 'id') {
      const name = toks[i + 1]?.v ?? '';
      const pEnd = closing(toks, i + 2);
      let b = pEnd;
      while (b < toks.length && !isP(toks[b], '{')) b++;
      const end = closing(toks, b);
      file.funcs.set(name, {
        params: toks
          .slice(i + 3, pEnd - 1)
          .map((x) => x.v)
          .join(' '),
        body: toks.slice(b + 1, end - 1),
      });
      i = end;
    } else if (t?.k === 'id' && (t.v === 'const' || t.v === 'var')) {
      i = readDecl(toks, i + 1, file.consts);
    } else if (isP(t, '{') || isP(t, '(')) i = closing(toks, i);
    else i++;
  }
  return file;
}

/** Reads `NAME [type] = expr` declarations (one, or a parenthesised group) into `into`. */
function readDecl(toks: Tok[], i: number, into: Map<string, Tok[]>): number {
  const group = isP(toks[i], '(');
  const end = group ? closing(toks, i) : toks.length;
  let j = group ? i + 1 : i;
  do {
    const name = toks[j]?.v ?? '';
    let eq = j + 1;
    while (eq < end && !isP(toks[eq], '=') && toks[eq]?.k === 'id' && eq < j + 3) eq++;
    if (!isP(toks[eq], '=')) return group ? end : j + 1;
    const exprEnd = exprEndAt(toks, eq + 1);
    into.set(name, toks.slice(eq + 1, exprEnd));
    j = exprEnd;
  } while (group && j < end - 1);
  return group ? end : j;
}

/** The end of an operand chain joined by `+` starting at `i`. */
function exprEndAt(toks: Tok[], i: number): number {
  let j = i;
  for (;;) {
    const t = toks[j];
    if (t?.k === 'str') j++;
    else if (t?.k === 'id') {
      j++;
      while (isP(toks[j], '.') && toks[j + 1]?.k === 'id') j += 2;
      if (isP(toks[j], '(')) j = closing(toks, j);
    } else return j;
    if (!isP(toks[j], '+')) return j;
    j++;
  }
}

/** One build of a test: the files present, the directory built, and the expected YAML or an expected error. */
export interface KrustyCase {
  name: string;
  files: Map<string, string>;
  dir: string;
  expected?: string;
  expectError?: boolean;
  /** Why the case cannot be run as data (options other than the defaults, an unsupported assertion). */
  unsupported?: string;
}

export interface KrustyTest {
  name: string;
  cases: KrustyCase[];
  /** Why the test could not be followed at all. */
  unextractable?: string;
}

class Unsupported extends Error {}

function normPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

interface Scope {
  file: GoFile;
  locals: Map<string, string>;
}

function evalExpr(toks: Tok[], scope: Scope): string {
  let out = '';
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (t?.k === 'str') {
      out += t.v;
      i++;
    } else if (t?.k === 'id' && t.v === 'filepath' && toks[i + 2]?.v === 'Join') {
      const end = closing(toks, i + 3);
      out += normPath(
        splitArgs(toks.slice(i + 4, end - 1))
          .map((a) => evalExpr(a, scope))
          .join('/'),
      );
      i = end;
    } else if (t?.k === 'id' && t.v === 'th' && toks[i + 2]?.v === 'GetRoot') {
      out += '/';
      i = closing(toks, i + 3);
    } else if (t?.k === 'id' && scope.locals.has(t.v) && !isP(toks[i + 1], '.')) {
      out += scope.locals.get(t.v);
      i++;
    } else if (t?.k === 'id' && scope.file.consts.has(t.v) && !isP(toks[i + 1], '.')) {
      out += evalExpr(scope.file.consts.get(t.v) ?? [], scope);
      i++;
    } else
      throw new Unsupported(
        `expression ${toks
          .map((x) => x.v)
          .join(' ')
          .slice(0, 60)}`,
      );
    if (i < toks.length && !isP(toks[i], '+'))
      throw new Unsupported(
        `expression ${toks
          .map((x) => x.v)
          .join(' ')
          .slice(0, 60)}`,
      );
    if (isP(toks[i], '+')) i++;
  }
  return out;
}

function splitArgs(toks: Tok[]): Tok[][] {
  const args: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.k === 'p' && '({['.includes(t.v)) depth++;
    if (t.k === 'p' && ')}]'.includes(t.v)) depth--;
    if (depth === 0 && isP(t, ',')) args.push([]);
    else args[args.length - 1]?.push(t);
  }
  return args.filter((a) => a.length > 0);
}

const HEADER = {
  K: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
  C: 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n',
};

/** WriteK/WriteC prepend apiVersion and kind (kusttest harness), unless the text sets its own kind. */
function kustomizationText(which: 'K' | 'C', content: string): string {
  return /^kind:/m.test(content) ? content : HEADER[which] + content;
}

interface RunState {
  files: Map<string, string>;
  cases: KrustyCase[];
  name: string;
  defaultOpts: Set<string>;
  depth: number;
}

function runBody(body: Tok[], scope: Scope, st: RunState): void {
  let i = 0;
  while (i < body.length) {
    const t = body[i];
    const next = body[i + 1];
    if (isP(t, '{')) {
      if (body.slice(i, closing(body, i)).some((x) => x.k === 'id' && x.v === 'th'))
        throw new Unsupported('harness calls inside a block (loop, table or closure)');
      i = closing(body, i);
    } else if (t?.k === 'id' && t.v === 'th' && isP(next, '.')) i = harnessCall(body, i, scope, st);
    else if (t?.k === 'id' && isP(next, ':=')) i = assign(body, i, scope, st);
    else if (t?.k === 'id' && t.v === 'th' && isP(next, '=')) {
      // A new harness: a new, empty file system.
      st.files.clear();
      i += 2;
    } else if (t?.k === 'id' && st.defaultOpts.has(t.v) && isP(next, '.')) {
      // Options changed after MakeDefaultOptions: no longer the defaults.
      st.defaultOpts.delete(t.v);
      i += 2;
    } else if (
      t?.k === 'id' &&
      isP(next, '(') &&
      isP(body[i + 2], ')') === false &&
      body[i + 2]?.v === 'th' &&
      isP(body[i + 3], ')')
    ) {
      const helper = scope.file.funcs.get(t.v);
      if (!helper || st.depth > 5) throw new Unsupported(`call ${t.v}(th)`);
      st.depth++;
      runBody(helper.body, { ...scope, locals: new Map() }, st);
      st.depth--;
      i += 4;
    } else i++;
  }
}

function assign(body: Tok[], i: number, scope: Scope, st: RunState): number {
  const name = body[i]?.v ?? '';
  if (body[i + 2]?.v === 'th' && body[i + 4]?.v === 'MakeDefaultOptions') {
    st.defaultOpts.add(name);
    return closing(body, i + 5);
  }
  if (body[i + 2]?.v === 'th') return i + 2;
  const end = exprEndAt(body, i + 2);
  try {
    scope.locals.set(name, evalExpr(body.slice(i + 2, end), scope));
  } catch {
    // Not a string: a value the harness calls below may not need.
  }
  return Math.max(end, i + 2);
}

function harnessCall(body: Tok[], i: number, scope: Scope, st: RunState): number {
  const method = body[i + 2]?.v ?? '';
  const end = closing(body, i + 3);
  const args = splitArgs(body.slice(i + 4, end - 1));
  const arg = (n: number): string => evalExpr(args[n] ?? [], scope);
  switch (method) {
    case 'WriteF':
      st.files.set(normPath(arg(0)), arg(1));
      break;
    case 'WriteK':
    case 'WriteC':
      st.files.set(
        normPath(`${arg(0)}/kustomization.yaml`),
        kustomizationText(method === 'WriteK' ? 'K' : 'C', arg(1)),
      );
      break;
    case 'Reset':
      st.files.clear();
      break;
    case 'Run':
    case 'RunWithErr': {
      const opts = (args[1] ?? []).map((x) => x.v).join('');
      const isDefault = opts === 'th.MakeDefaultOptions()' || st.defaultOpts.has(opts);
      st.cases.push({
        name: `${st.name}#${st.cases.length + 1}`,
        files: new Map(st.files),
        dir: normPath(arg(0)),
        ...(method === 'RunWithErr' ? { expectError: true } : {}),
        ...(isDefault ? {} : { unsupported: `build options other than the defaults (${opts})` }),
      });
      break;
    }
    case 'AssertActualEqualsExpected':
    case 'AssertActualEqualsExpectedNoIdAnnotations': {
      const last = st.cases[st.cases.length - 1];
      if (last) last.expected = arg(1);
      break;
    }
    case 'MakeDefaultOptions':
    case 'GetT':
      break;
    default:
      throw new Unsupported(`harness call th.${method}`);
  }
  return end;
}

/** The tests of one Go test file, each with its cases or the reason it could not be followed. */
export function extractTests(src: string): KrustyTest[] {
  const file = readGoFile(src);
  const tests: KrustyTest[] = [];
  for (const [name, fn] of file.funcs) {
    if (!name.startsWith('Test') || !fn.params.includes('testing')) continue;
    const st: RunState = { files: new Map(), cases: [], name, defaultOpts: new Set(), depth: 0 };
    const harness = fn.body.findIndex(
      (t) => t.v === 'MakeHarness' || t.v === 'MakeEnhancedHarness' || t.v === 'MakeHarnessWithFs',
    );
    if (harness < 0 || fn.body[harness]?.v !== 'MakeHarness') {
      tests.push({
        name,
        cases: [],
        unextractable:
          harness < 0 ? 'no kusttest harness (table-driven or a unit test)' : `plugin harness (${fn.body[harness]?.v})`,
      });
      continue;
    }
    try {
      runBody(fn.body, { file, locals: new Map() }, st);
      tests.push({ name, cases: st.cases });
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      tests.push({ name, cases: [], unextractable: err.message });
    }
  }
  return tests;
}
