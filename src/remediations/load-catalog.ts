/**
 * Loads the remediation catalog: the built-in `remediations/*.yml` of the package plus a repo's
 * `remediations.directory`, read from disk (CLI) or given as texts (App, read through the GitHub API). Both
 * go through catalogFromFiles: each file validated by `RemediationSchema` and cross-checked (option
 * references exist, defaults are valid, ids and aliases unique). Every invalid file is reported at once.
 *
 * Parsing and validating the built-in files took ~300 ms of every process start, so `npm run build` also
 * writes what they validate to (`dist/remediations/compiled-catalog.json`, by scripts/compile-catalog.mjs),
 * keyed by the SHA-256 of each file's text. A file whose text has that hash is taken from there: the result
 * depends on the text alone, so an edited file (or a repository's own) is parsed and validated as always.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlFile } from '../yaml.js';
import type { Diagnostic } from '../model.js';
import { aliasesOf, buildAliasIndex, normaliseRuleId } from './aliases.js';
import {
  type ImagesDiagnosticCode,
  imageKnowledgeFrom,
  isImageFile,
  readImageFiles,
  validateImagesFile,
} from './images/load-images.js';
import type { ImageEntry } from './images/schema.js';
import type { ImageKnowledge } from './images/lookup-image.js';
import { optionsSchema } from './options.js';
import { type Remediation, RemediationSchema } from './schema.js';

/** The parsed catalog and its lookups. */
export interface Catalog {
  /** Parsed and validated remediations, built-in first, then the extra files in order. */
  remediations: Remediation[];
  byId: Map<string, Remediation>;
  /**
   * Remediation id for a scanner rule id, in any alias form (C-0013, CIS-5.2.7, KSV012, AVD-KSV-0012,
   * KSV-0012, CKV_K8S_23, runAsRootAllowed, ...). `tool` is a hint ('kubescape' | 'trivy' | 'checkov' |
   * 'polaris' | 'kube-score' | ...) and is ignored: aliases are unique across the catalog.
   */
  resolveRule(tool: string, ruleId: string): string | undefined;
  /** What kubemend knows of widely used images (`images/*.yml`), a repository's own entries first. */
  images: ImageKnowledge;
}

/** One remediation file: the path problems are reported under, and its text. */
export interface RemediationFile {
  path: string;
  text: string;
}

export type CatalogDiagnosticCode =
  'remediation-invalid' | 'remediation-duplicate-id' | 'remediation-duplicate-alias' | ImagesDiagnosticCode;

/** A catalog, or every problem of its files (each diagnostic names its file). */
export type CatalogResult =
  { ok: true; catalog: Catalog } | { ok: false; diagnostics: Diagnostic<CatalogDiagnosticCode>[] };

/** `<package root>/remediations`, from `src/remediations/` and from `dist/remediations/` alike. */
export const BUILTIN_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'remediations');

function optionRefs(rem: Remediation): string[] {
  const refs: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (
      typeof v === 'string' &&
      key &&
      ['option', 'only_if_option', 'unless_option', 'factor_option'].includes(key)
    )
      refs.push(v);
  };
  walk([rem.checks, rem.conflicts]);
  return refs;
}

function crossCheck(rem: Remediation): string[] {
  const errors = optionRefs(rem)
    .filter((o) => !(o in rem.options))
    .map((o) => `refers to option "${o}", which is not declared`);
  const defaults = Object.fromEntries(Object.entries(rem.options).map(([k, d]) => [k, d.default]));
  const parsed = optionsSchema(rem).safeParse(defaults);
  if (!parsed.success)
    errors.push(...parsed.error.issues.map((i) => `options.${i.path.join('.')}.default: ${i.message}`));
  return errors;
}

/** What the build validated: remediations and image entries by the SHA-256 (hex) of their file's text. */
export interface CompiledCatalog {
  remediations: Record<string, Remediation>;
  images: Record<string, ImageEntry[]>;
}

const COMPILED = new URL('./compiled-catalog.json', import.meta.url);
let compiled: CompiledCatalog | null | undefined;

/** The build's compiled catalog, read once; null when there is none (running from sources) or it is unreadable. */
function compiledCatalog(): CompiledCatalog | null {
  if (compiled === undefined) {
    try {
      compiled = JSON.parse(readFileSync(COMPILED, 'utf8')) as CompiledCatalog;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A copy of the entry the build validated for a file with this text (a caller may change it), if any. */
function fromCompiled<T>(table: Record<string, T> | undefined, text: string): T | undefined {
  const entry = table?.[textHash(text)];
  return entry && structuredClone(entry);
}

function parseRemediation(file: RemediationFile): { rem?: Remediation; errors: string[] } {
  const known = fromCompiled(compiledCatalog()?.remediations, file.text);
  return known ? { rem: known, errors: [] } : validateRemediation(file);
}

/** Parses and validates one remediation file (no compiled result is used). */
function validateRemediation({ path, text }: RemediationFile): { rem?: Remediation; errors: string[] } {
  const parsed = parseYamlFile(text, { file: path });
  const doc = parsed.docs[0];
  const problem = parsed.diagnostics[0] ?? doc?.error;
  if (problem) return { errors: [problem.message] };
  if (parsed.docs.length !== 1) return { errors: [`expected one YAML document, found ${parsed.docs.length}`] };
  const result = RemediationSchema.safeParse(doc?.value);
  if (!result.success)
    return { errors: result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const errors = crossCheck(result.data);
  return errors.length > 0 ? { errors } : { rem: result.data, errors };
}

/** The `*.yml` and `*.yaml` files directly in `dir`, in file-name order, each named by its full path. */
function readRemediationFiles(dir: string): RemediationFile[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

/** Rejects a remediation whose id or an alias an earlier file already claimed; records its claims otherwise. */
function claimClashes(
  rem: Remediation,
  path: string,
  ids: Map<string, string>,
  aliases: Map<string, string>,
): Diagnostic<CatalogDiagnosticCode>[] {
  const prior = ids.get(rem.id);
  if (prior)
    return [
      {
        code: 'remediation-duplicate-id',
        message: `${path}: id "${rem.id}" is already defined in ${prior}`,
        file: path,
      },
    ];
  const clashes = aliasesOf(rem).flatMap(({ tool, ruleId }) => {
    const owner = aliases.get(normaliseRuleId(ruleId));
    return owner
      ? [
          {
            code: 'remediation-duplicate-alias' as const,
            message: `${path}: aliases.${tool}: "${ruleId}" is already an alias of ${owner}`,
            file: path,
          },
        ]
      : [];
  });
  if (clashes.length > 0) return clashes;
  ids.set(rem.id, path);
  for (const { ruleId } of aliasesOf(rem)) aliases.set(normaliseRuleId(ruleId), `"${rem.id}" (${path})`);
  return [];
}

/**
 * The catalog of `files` in the order given, or every problem of every file: each must hold one valid
 * remediation, and no id or (normalised) alias may be claimed twice. Never throws.
 */
function catalogFromFiles(files: RemediationFile[], imageFiles: RemediationFile[]): CatalogResult {
  const remediations: Remediation[] = [];
  const { knowledge: images, diagnostics: imageProblems } = imageKnowledgeFrom(imageFiles, (text) =>
    fromCompiled(compiledCatalog()?.images, text),
  );
  const diagnostics: Diagnostic<CatalogDiagnosticCode>[] = [...imageProblems];
  const ids = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const file of files) {
    const { rem, errors } = parseRemediation(file);
    diagnostics.push(
      ...errors.map((e) => ({ code: 'remediation-invalid' as const, message: `${file.path}: ${e}`, file: file.path })),
    );
    if (!rem) continue;
    const clashes = claimClashes(rem, file.path, ids, aliases);
    if (clashes.length > 0) diagnostics.push(...clashes);
    else remediations.push(rem);
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const byId = new Map(remediations.map((r) => [r.id, r]));
  const index = buildAliasIndex(remediations);
  return {
    ok: true,
    catalog: { remediations, byId, resolveRule: (_tool, ruleId) => index.get(normaliseRuleId(ruleId)), images },
  };
}

/** Options of loadCatalog and tryLoadCatalog. */
export interface LoadCatalogOptions {
  /** Directories of extra remediation files (`*.yml`, `*.yaml`, not recursive), each in file-name order. Default: none. */
  extraDirs?: string[];
  /**
   * Extra remediation files already read (the App's `remediations.directory`, fetched from the repository),
   * after those of `extraDirs`, in the order given; files in its `images/` folder are image knowledge.
   * Default: none.
   */
  extraFiles?: RemediationFile[];
}

/** The built-in catalog plus the extra files, or every problem found (see catalogFromFiles). Never throws on file contents. */
export function tryLoadCatalog(opts: LoadCatalogOptions = {}): CatalogResult {
  const dirs = [BUILTIN_DIR, ...(opts.extraDirs ?? [])];
  const extra = opts.extraFiles ?? [];
  // Built-in files are named as the package names them, never by the server's disk path (messages reach repositories).
  const builtin = (f: RemediationFile): RemediationFile =>
    f.path.startsWith(`${BUILTIN_DIR}/`)
      ? { ...f, path: `kubemend:remediations/${f.path.slice(BUILTIN_DIR.length + 1)}` }
      : f;
  const remediationFiles = [
    ...dirs.flatMap(readRemediationFiles).map(builtin),
    ...extra.filter((f) => !isImageFile(f.path)),
  ];
  // A repository's image entries come first: its word on its own images wins over the built-in file.
  const imageFiles = [
    ...extra.filter((f) => isImageFile(f.path)),
    ...[...dirs].reverse().flatMap(readImageFiles).map(builtin),
  ];
  return catalogFromFiles(remediationFiles, imageFiles);
}

/**
 * The built-in catalog plus the extra files. Throws one Error naming every invalid file with its problems
 * (an invalid catalog is a broken install or a broken repo config, not a per-finding problem); ids and
 * aliases must not clash with the built-in ones or each other.
 */
export function loadCatalog(opts: LoadCatalogOptions = {}): Catalog {
  const result = tryLoadCatalog(opts);
  if (!result.ok)
    throw new Error(`invalid remediation catalog:\n${result.diagnostics.map((d) => d.message).join('\n')}`);
  return result.catalog;
}

/**
 * What the built-in files validate to, for the build to write (scripts/compile-catalog.mjs). Throws when a
 * built-in file is invalid: a build must not ship a catalog that does not load.
 */
export function compileBuiltinCatalog(): CompiledCatalog {
  const out: CompiledCatalog = { remediations: {}, images: {} };
  const problems: string[] = [];
  for (const file of readRemediationFiles(BUILTIN_DIR)) {
    const { rem, errors } = validateRemediation(file);
    if (rem) out.remediations[textHash(file.text)] = rem;
    problems.push(...errors.map((e) => `${file.path}: ${e}`));
  }
  for (const file of readImageFiles(BUILTIN_DIR)) {
    const { entries, diagnostics } = validateImagesFile(file);
    out.images[textHash(file.text)] = entries;
    problems.push(...diagnostics.map((d) => d.message));
  }
  if (problems.length > 0) throw new Error(`invalid built-in remediation catalog:\n${problems.join('\n')}`);
  return out;
}
