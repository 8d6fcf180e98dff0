/**
 * Loads the remediation catalog: the built-in `remediations/*.yml` of the package plus extra directories
 * (a repo's `remediations.directory`), each file validated by `RemediationSchema` and cross-checked
 * (option references exist, defaults are valid, ids unique). Every invalid file is reported at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlFile } from '../yaml.js';
import { buildAliasIndex, normaliseRuleId } from './aliases.js';
import { optionsSchema } from './options.js';
import { type Remediation, RemediationSchema } from './schema.js';

/** The parsed catalog and its lookups. */
export interface Catalog {
  /** Parsed and validated remediations, built-in first, each directory in file-name order. */
  remediations: Remediation[];
  byId: Map<string, Remediation>;
  /**
   * Remediation id for a scanner rule id, in any alias form (C-0013, CIS-5.2.7, KSV012, AVD-KSV-0012,
   * KSV-0012, CKV_K8S_23, runAsRootAllowed, ...). `tool` is a hint ('kubescape' | 'trivy' | 'checkov' |
   * 'polaris' | 'kube-score' | ...) and is ignored: aliases are unique across the catalog.
   */
  resolveRule(tool: string, ruleId: string): string | undefined;
}

/** `<package root>/remediations`, from `src/remediations/` and from `dist/remediations/` alike. */
export const BUILTIN_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'remediations');

function optionRefs(rem: Remediation): string[] {
  const refs: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && key && ['option', 'only_if_option', 'unless_option'].includes(key)) refs.push(v);
  };
  walk([rem.checks, rem.conflicts]);
  return refs;
}

function crossCheck(rem: Remediation): string[] {
  const errors = optionRefs(rem).filter((o) => !(o in rem.options)).map((o) => `refers to option "${o}", which is not declared`);
  const defaults = Object.fromEntries(Object.entries(rem.options).map(([k, d]) => [k, d.default]));
  const parsed = optionsSchema(rem).safeParse(defaults);
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => `options.${i.path.join('.')}.default: ${i.message}`));
  return errors;
}

function loadFile(file: string): { rem?: Remediation; errors: string[] } {
  const parsed = parseYamlFile(readFileSync(file, 'utf8'), { file });
  const doc = parsed.docs[0];
  const problem = parsed.diagnostics[0] ?? doc?.error;
  if (problem) return { errors: [problem.message] };
  if (parsed.docs.length !== 1) return { errors: [`expected one YAML document, found ${parsed.docs.length}`] };
  const result = RemediationSchema.safeParse(doc?.value);
  if (!result.success) return { errors: result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const errors = crossCheck(result.data);
  return errors.length > 0 ? { errors } : { rem: result.data, errors };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The built-in catalog plus `extraDirs`. Throws one Error naming every invalid file with its problems
 * (an invalid catalog is a broken install or a broken repo config, not a per-finding problem).
 * @param opts.extraDirs Directories of extra remediation files (`*.yml`, `*.yaml`); ids must not clash
 *   with the built-in ones. Default: none.
 */
export function loadCatalog(opts: { extraDirs?: string[] } = {}): Catalog {
  const remediations: Remediation[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of [BUILTIN_DIR, ...(opts.extraDirs ?? [])].flatMap(yamlFiles)) {
    const { rem, errors } = loadFile(file);
    problems.push(...errors.map((e) => `${file}: ${e}`));
    if (!rem) continue;
    const prior = seen.get(rem.id);
    if (prior) problems.push(`${file}: id "${rem.id}" is already defined in ${prior}`);
    else {
      seen.set(rem.id, file);
      remediations.push(rem);
    }
  }
  if (problems.length > 0) throw new Error(`invalid remediation catalog:\n${problems.join('\n')}`);
  const byId = new Map(remediations.map((r) => [r.id, r]));
  const aliases = buildAliasIndex(remediations);
  return { remediations, byId, resolveRule: (_tool, ruleId) => aliases.get(normaliseRuleId(ruleId)) };
}
