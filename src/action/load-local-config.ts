/**
 * The configuration and catalog of the checked-out repository, for the modes that work on the checkout
 * (plan, fix, sarif): the `config` input, else `.github/kubemend.yml` as the App reads it, else the
 * defaults. `remediations.directory` is relative to the repository root, as in the App, so one config file
 * means the same to both.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfigText } from '../config/load-config.js';
import { type Config, defaultConfig } from '../config/schema.js';
import { type Catalog, checkRemediationConfig, tryLoadCatalog } from '../remediations/index.js';
import { ActionError } from './action-error.js';

/** The file the App reads; the Action's default too. */
export const REPO_CONFIG_PATH = '.github/kubemend.yml';

export interface LocalConfig {
  config: Config;
  catalog: Catalog;
  /** The file read, relative to the workspace; absent when the defaults apply. */
  file?: string;
}

async function readConfigText(
  workspace: string,
  file: string | undefined,
): Promise<{ file: string; text: string } | undefined> {
  const name = file ?? REPO_CONFIG_PATH;
  const text = await readFile(resolve(workspace, name), 'utf8').catch((err: NodeJS.ErrnoException) => {
    // Only the default may be missing: a named file that is not there is a mistake in the workflow.
    if (file === undefined && err.code === 'ENOENT') return undefined;
    throw new ActionError('config-invalid', `input config: ${name}: cannot read (${err.code ?? err.message})`);
  });
  return text === undefined ? undefined : { file: name, text };
}

function invalid(problems: ReadonlyArray<{ message: string }>): ActionError {
  const [first, ...rest] = problems;
  return new ActionError(
    'config-invalid',
    `invalid configuration: ${first?.message ?? ''}${rest.length ? ` (and ${rest.length} more problems)` : ''}`,
  );
}

/** The validated config and the catalog it selects from. */
export async function loadLocalConfig(workspace: string, file: string | undefined): Promise<LocalConfig> {
  const read = await readConfigText(workspace, file);
  let config = defaultConfig();
  if (read) {
    const result = loadConfigText(read.text, read.file);
    if (!result.ok) throw invalid(result.diagnostics);
    config = result.config;
  }
  const dir = config.remediations.directory;
  if (dir !== undefined && !(await stat(resolve(workspace, dir)).catch(() => undefined))?.isDirectory()) {
    throw new ActionError(
      'config-invalid',
      `invalid configuration: remediations.directory: "${dir}" is not a folder of the repository`,
    );
  }
  const loaded = tryLoadCatalog(dir === undefined ? {} : { extraDirs: [resolve(workspace, dir)] });
  if (!loaded.ok) throw invalid(loaded.diagnostics);
  const problems = checkRemediationConfig(loaded.catalog.byId, config);
  if (problems.length > 0) throw invalid(problems);
  return { config, catalog: loaded.catalog, ...(read ? { file: read.file } : {}) };
}
