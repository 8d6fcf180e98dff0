/**
 * `configMapGenerator`, `secretGenerator` and `generatorOptions` of a kustomization as GeneratorRules:
 * sources in kustomize's load order (env files, literals, then files: api/kv/kv.go Load), options merged
 * as types.MergeGlobalOptionsIntoLocal does, every file resolved repo-relative. A file that is missing,
 * outside the repository or remote is a problem: the kustomization is then not modelled.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/configmapgenerator/
 */
import { posix } from 'node:path';
import type { GeneratorArgsDoc, GeneratorOptionsDoc, KustomizationDoc } from './schema.js';
import type { GeneratorMeta, GeneratorRule, GeneratorSource } from './types.js';

interface Ctx {
  dir: string;
  files: Map<string, string>;
  problems: string[];
}

/** A path of a kustomization resolved against its directory; undefined when it leaves the repository. */
function resolve(dir: string, p: string): string | undefined {
  const joined = posix.normalize(posix.join(dir || '.', p)).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(p)) return undefined;
  return joined === '.' ? '' : joined;
}

/** generators.ParseFileSource: `path` (the key is its basename) or `key=path`. */
export function parseFileSource(source: string): { key: string; path: string } | string {
  const eq = source.indexOf('=');
  if (eq < 0) return { key: posix.basename(source), path: source };
  if (eq === 0) return `missing key name for file path "${source.slice(1)}" in source "${source}"`;
  const [key, path] = [source.slice(0, eq), source.slice(eq + 1)];
  if (path.includes('=')) return `source "${source}" key name or file path contains '='`;
  if (path === '') return `missing file path for key name "${key}" in source "${source}"`;
  return { key, path };
}

/** The repo-relative file `p` read by the entry at `pointer`, or undefined after recording why it cannot be read. */
function fileIn(ctx: Ctx, where: string, p: string): string | undefined {
  if (/^https?:\/\//.test(p)) ctx.problems.push(`${where}: remote file ${p} (not in the repository)`);
  const file = /^https?:\/\//.test(p) ? undefined : resolve(ctx.dir, p);
  if (file === undefined) {
    if (!/^https?:\/\//.test(p)) ctx.problems.push(`${where}: ${p} is outside the repository`);
    return undefined;
  }
  if (!ctx.files.has(file)) ctx.problems.push(`${where}: file ${file} not found in the repository`);
  return file;
}

function sourcesOf(ctx: Ctx, g: GeneratorArgsDoc, field: string, i: number): GeneratorSource[] {
  const at = `/${field}/${i}`;
  const where = (f: string, n?: number): string => `${field}[${i}].${f}${n === undefined ? '' : `[${n}]`}`;
  const envs = [
    ...(g.envs ?? []).map((e, n) => ({ e, pointer: `${at}/envs/${n}`, name: where('envs', n) })),
    ...(g.env ? [{ e: g.env, pointer: `${at}/env`, name: where('env') }] : []),
  ];
  const out: GeneratorSource[] = [];
  for (const { e, pointer, name } of envs) {
    const file = fileIn(ctx, name, e);
    if (file !== undefined) out.push({ kind: 'env', value: file, pointer });
  }
  (g.literals ?? []).forEach((l, n) => out.push({ kind: 'literal', value: l, pointer: `${at}/literals/${n}` }));
  (g.files ?? []).forEach((f, n) => {
    const parsed = parseFileSource(f);
    // A malformed source is kustomize's own error: the render fails with it.
    if (typeof parsed === 'string') out.push({ kind: 'file', value: f, error: parsed, pointer: `${at}/files/${n}` });
    else {
      const file = fileIn(ctx, where('files', n), parsed.path);
      if (file !== undefined) out.push({ kind: 'file', value: file, key: parsed.key, pointer: `${at}/files/${n}` });
    }
  });
  return out;
}

/** Local entries first, then the global ones it does not set (MergeGlobalOptionsIntoLocal's overrideMap). */
function mergedMeta(
  local: Record<string, string> | null | undefined,
  global: Record<string, string> | null | undefined,
  localAt: string,
  globalAt: string,
): GeneratorMeta[] {
  const esc = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
  const out = Object.entries(local ?? {}).map(([key, value]) => ({ key, value, pointer: `${localAt}/${esc(key)}` }));
  for (const [key, value] of Object.entries(global ?? {}))
    if (!(local && key in local)) out.push({ key, value, pointer: `${globalAt}/${esc(key)}` });
  return out;
}

function behaviorOf(b: string | undefined): GeneratorRule['behavior'] {
  return b === 'create' || b === 'merge' || b === 'replace' ? b : 'unspecified';
}

function ruleOf(
  ctx: Ctx,
  g: GeneratorArgsDoc,
  field: string,
  i: number,
  global: GeneratorOptionsDoc | null | undefined,
): GeneratorRule {
  const local = g.options ?? undefined;
  const at = `/${field}/${i}`;
  return {
    kind: field === 'secretGenerator' ? 'Secret' : 'ConfigMap',
    name: g.name ?? '',
    ...(g.namespace ? { namespace: g.namespace } : {}),
    behavior: behaviorOf(g.behavior),
    sources: sourcesOf(ctx, g, field, i),
    labels: mergedMeta(local?.labels, global?.labels, `${at}/options/labels`, '/generatorOptions/labels'),
    annotations: mergedMeta(
      local?.annotations,
      global?.annotations,
      `${at}/options/annotations`,
      '/generatorOptions/annotations',
    ),
    disableNameSuffixHash: Boolean(local?.disableNameSuffixHash || global?.disableNameSuffixHash),
    immutable: Boolean(local?.immutable || global?.immutable),
    ...(field === 'secretGenerator' && g.type ? { type: g.type } : {}),
    pointer: at,
  };
}

/** The generator rules of `k` (ConfigMaps first, as kustomize configures its builtin generators). */
export function generatorRules(
  dir: string,
  files: Map<string, string>,
  problems: string[],
  k: KustomizationDoc,
): GeneratorRule[] {
  const ctx: Ctx = { dir, files, problems };
  return (['configMapGenerator', 'secretGenerator'] as const).flatMap((field) =>
    (k[field] ?? []).map((g, i) => ruleOf(ctx, g, field, i, k.generatorOptions)),
  );
}
