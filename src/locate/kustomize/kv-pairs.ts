/**
 * A generator's key/value pairs as kustomize's kv loader reads them (api/kv/kv.go): env files line by line
 * (`KEY=VALUE`, `#` comments and blank lines skipped, a UTF-8 BOM dropped from the first line), literals
 * (`key=value`, one pair of surrounding quotes removed), files (the whole content, as bytes). Keys are
 * validated and may not repeat (generators/utils.go makeValidatedDataMap).
 * https://github.com/kubernetes-sigs/kustomize/blob/master/api/kv/kv.go
 */
import type { GeneratorRule, GeneratorSource } from './types.js';

/** One pair, with the source entry that wrote it. */
export interface KvPair {
  key: string;
  value: Uint8Array;
  pointer: string;
}

/** Reads a repo file's exact bytes, or says why it cannot. */
export type ReadBytes = (path: string) => Uint8Array | string;

const utf8 = new TextEncoder();
// Go's unicode.IsSpace (JavaScript's \s also counts U+FEFF, which Go does not).
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
// k8s.io/apimachinery validation.IsEnvVarName and IsConfigMapKey.
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** Whether `bytes` are valid UTF-8 (Go's utf8.Valid); when so, the text (a BOM kept, as Go's string() keeps it). */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Lines as Go's bufio.ScanLines splits them: on `\n`, a trailing `\r` dropped. */
function lines(text: string): string[] {
  const out = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function envPairs(file: string, bytes: Uint8Array, pointer: string): KvPair[] | string {
  const text = utf8Text(bytes);
  if (text === undefined) return `env file ${file} has invalid utf8 bytes`;
  const out: KvPair[] = [];
  for (const [n, raw] of lines(text).entries()) {
    const line = (n === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(LEADING_SPACE, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!ENV_VAR_NAME.test(key))
      return `env file ${file} line ${n + 1}: "${key}" is not a valid environment variable name`;
    out.push({ key, value: utf8.encode(eq < 0 ? '' : line.slice(eq + 1)), pointer });
  }
  return out;
}

/** parseLiteralSource and removeQuotes: `key=value`, one pair of matching surrounding quotes removed. */
function literalPair(source: string, pointer: string): KvPair | string {
  const eq = source.indexOf('=');
  if (eq <= 0) return `invalid literal source ${source}, expected key=value`;
  let value = source.slice(eq + 1);
  // A lone quote stays (krusty TestDataIsSingleQuote: `TEST='` gives "'").
  if (value.length > 1 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'"))
    value = value.slice(1, -1);
  return { key: source.slice(0, eq), value: utf8.encode(value), pointer };
}

function pairsOf(s: GeneratorSource, read: ReadBytes): KvPair[] | string {
  if (s.error) return s.error;
  if (s.kind === 'literal') {
    const p = literalPair(s.value, s.pointer);
    return typeof p === 'string' ? p : [p];
  }
  const bytes = read(s.value);
  if (typeof bytes === 'string') return bytes;
  return s.kind === 'env'
    ? envPairs(s.value, bytes, s.pointer)
    : [{ key: s.key ?? '', value: bytes, pointer: s.pointer }];
}

function keyProblem(key: string): string | undefined {
  if (key.length > 253 || !CONFIG_MAP_KEY.test(key))
    return `"${key}" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.'`;
  if (key === '.' || key === '..' || key.startsWith('..'))
    return `"${key}" is not a valid key name: must not be '.', '..' or start with '..'`;
  return undefined;
}

/** The pairs of `rule` in load order (env files, literals, files), or kustomize's error. */
export function loadPairs(rule: GeneratorRule, read: ReadBytes): KvPair[] | string {
  const out: KvPair[] = [];
  for (const s of rule.sources) {
    const more = pairsOf(s, read);
    if (typeof more === 'string') return more;
    for (const p of more) {
      const bad = keyProblem(p.key);
      if (bad) return bad;
      if (out.some((o) => o.key === p.key))
        return `${rule.kind.toLowerCase()} ${rule.name} illegally repeats the key \`${p.key}\``;
      out.push(p);
    }
  }
  return out;
}
