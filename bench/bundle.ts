/**
 * A deterministic all-in-one bundle (like argo-cd's install.yaml or cert-manager.yaml) built from the real
 * corpus: the corpus has no file of 1 MB or more, so its valid workload files are concatenated as `---`
 * separated documents, in path order, cycled until the bundle reaches the size asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlFile } from '../src/yaml.js';

/** ../shared/corpus beside the checkout; KUBEMEND_SHARED overrides ../shared, as in the tests. */
export const CORPUS_DIR = join(
  process.env.KUBEMEND_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url)),
  'corpus',
);

/**
 * The corpus files a bundle may hold: LF line breaks, no BOM, no `%` directive, no `{{` (one Helm-looking
 * document would make the whole bundle a template) and no parse error under kubemend's options (MANIFEST.tsv
 * `parse_error_docs` misses duplicate keys): the pipeline leaves a file with a broken document untouched.
 */
export function bundleParts(corpus = CORPUS_DIR): string[] {
  const [head, ...rows] = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  const col = (name: string) => (head ?? []).indexOf(name);
  const [path, errors, crlf, bom] = [col('saved_path'), col('parse_error_docs'), col('has_crlf'), col('has_bom')];
  return rows
    .filter((r) => r[path]?.startsWith('files/') && r[errors] === '0' && r[crlf] === 'no' && r[bom] === 'no')
    .map((r) => r[path] as string)
    .sort()
    .map((p) => readFileSync(join(corpus, p), 'utf8'))
    .filter((t) => !t.includes('{{') && !/^%/m.test(t) && parseYamlFile(t).docs.every((d) => !d.error));
}

/** Corpus files joined as documents of one file, cycled until the text is at least `bytes` long. */
export function buildBundle(bytes: number, parts: string[] = bundleParts()): string {
  if (parts.length === 0) throw new Error('no corpus file can go into a bundle');
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const body = (parts[i % parts.length] as string).replace(/^---[ \t]*\n/, '');
    const doc = `---\n${body.endsWith('\n') ? body : `${body}\n`}`;
    out.push(doc);
    size += Buffer.byteLength(doc, 'utf8');
  }
  return out.join('');
}
