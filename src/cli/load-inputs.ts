/**
 * Everything a command needs besides the manifests, validated at the edge: the config file (ConfigSchema,
 * errors naming file, line and key path), the catalog, `--only/--skip` ids, and the findings files
 * (parseFindings). Each problem is a CliError with a one-line message (exit 2). The findings parsers are
 * loaded only when there are findings files: a process start loads what its command uses.
 */
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { defaultConfig } from '../config/schema.js';
import { loadConfigText } from '../config/load-config.js';
import type { Diagnostic, Finding } from '../model.js';
import { type Catalog, checkRemediationConfig, loadCatalog } from '../remediations/index.js';
import { readRepoFiles, resolveRoot } from '../pipeline/read-files.js';
import { CliError } from './cli-error.js';
import type { CommandOptions } from './parse-options.js';

/** The validated config; built-in defaults without `--config`. */
export async function loadConfigFile(file: string | undefined, cwd: string): Promise<Config> {
  if (file === undefined) return defaultConfig();
  const text = await readFile(resolve(cwd, file), 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`kubemend: --config ${file}: cannot read (${err.code ?? err.message})`);
  });
  const result = loadConfigText(text, file);
  if (!result.ok) {
    const [first, ...rest] = result.diagnostics;
    throw new CliError(
      `kubemend: invalid config ${first?.message ?? file}${rest.length ? ` (and ${rest.length} more problems)` : ''}`,
    );
  }
  return result.config;
}

/** Whether `path` is a folder (false when it is missing, a file, or cannot be read). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The built-in catalog plus the config's `remediations.directory`, relative to `base`: the repository root,
 * as in the App and the Action, so one `.github/kubemend.yml` means the same to all (see directoryBase).
 */
export function loadCatalogFor(config: Config, base: string): Catalog {
  const dir = config.remediations.directory;
  const abs = dir === undefined ? undefined : resolve(base, dir);
  if (abs !== undefined && !isFolder(abs))
    throw new CliError(
      `kubemend: invalid config: remediations.directory: "${dir}" is not a folder (${abs}; the path is relative to the repository root ${base})`,
    );
  let catalog: Catalog;
  try {
    catalog = loadCatalog(abs !== undefined ? { extraDirs: [abs] } : {});
  } catch (err) {
    // loadCatalog throws one Error listing every invalid remediation file; show the first line of it.
    throw new CliError(
      `kubemend: ${String((err as Error).message)
        .split('\n')
        .slice(0, 2)
        .join(': ')}`,
    );
  }
  const problems = checkRemediationConfig(catalog.byId, config);
  if (problems[0]) throw new CliError(`kubemend: invalid config: ${problems[0].message}`);
  return catalog;
}

/**
 * What `remediations.directory` is relative to: the top level of the git work tree holding the config file
 * (the repository root, where the App and the Action resolve it); outside git, the config file's folder;
 * without a config file, `cwd`.
 */
export async function directoryBase(configFile: string | undefined, cwd: string): Promise<string> {
  return configFile === undefined ? cwd : resolveRoot([configFile], cwd);
}

/** Fails on ids the catalog does not know: a typo in `--only` would otherwise silently fix nothing. */
export function checkIds(flag: '--only' | '--skip', ids: string[] | undefined, catalog: Catalog): void {
  const unknown = (ids ?? []).filter((id) => !catalog.byId.has(id));
  if (unknown.length)
    throw new CliError(
      `kubemend: ${flag}: unknown remediation id ${unknown.map((u) => `'${u}'`).join(', ')} (see 'kubemend remediations')`,
    );
}

/** Parses every `--findings` file; per-entry problems come back as diagnostics, unreadable files are fatal. */
export async function loadFindings(
  files: string[],
  catalog: Catalog,
  cwd: string,
): Promise<{ findings: Finding[]; diagnostics: Diagnostic[] }> {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const { FindingsError, parseFindings } = await import('../findings/index.js');
  for (const file of files) {
    const text = await readFile(resolve(cwd, file), 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new CliError(`kubemend: --findings ${file}: cannot read (${err.code ?? err.message})`);
    });
    try {
      const parsed = parseFindings(text, { resolveRule: catalog.resolveRule, source: file });
      findings.push(...parsed.findings);
      diagnostics.push(...parsed.diagnostics);
    } catch (err) {
      if (err instanceof FindingsError)
        throw new CliError(`kubemend: --findings ${file}: ${err.message.split('\n')[0]}`);
      throw err;
    }
  }
  return { findings, diagnostics };
}

/**
 * What `scan`, `fix`, `plan` and `report` read before running the pipeline: the config, the catalog it
 * extends, the files under the paths, and the findings files; usage errors (unknown ids, a missing path)
 * are thrown as CliError.
 */
export async function loadCommandInputs(opts: CommandOptions, cwd: string) {
  const config = await loadConfigFile(opts.config, cwd);
  const catalog = loadCatalogFor(config, await directoryBase(opts.config, cwd));
  checkIds('--only', opts.only, catalog);
  checkIds('--skip', opts.skip, catalog);
  const read = await readRepoFiles(opts.paths, config, cwd);
  const missing = read.diagnostics.find((d) => d.code === 'path-not-found');
  if (missing) throw new CliError(`kubemend: ${missing.message}`);
  const loaded = opts.findings.length ? await loadFindings(opts.findings, catalog, cwd) : undefined;
  return { config, catalog, read, loaded };
}
