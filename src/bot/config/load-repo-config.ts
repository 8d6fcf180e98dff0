/**
 * Reads `.github/kubemend.yml` the way Probot's `context.config` does (the repository's file, else the
 * organisation's `.github` repository, following `_extends`), and validates it with the one config schema.
 * Jobs run outside the webhook request, so this takes an installation client rather than a context.
 */
import { type ConfigResult, loadConfigObject, loadConfigText } from '../../config/load-config.js';
import { type GitHub, type RepoRef, isRequestFailure, readFileText, readRepoConfig } from '../../github/index.js';

export const CONFIG_PATH = '.github/kubemend.yml';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Later files win; sections (objects) merge one level deep and lists are replaced, so a repository can
 * narrow its organisation's `labels` or `paths.include` rather than only add to them.
 */
export function mergeConfigs(configs: unknown[]): Obj {
  const out: Obj = {};
  for (const config of configs) {
    if (!isObj(config)) continue;
    for (const [key, value] of Object.entries(config)) {
      const prev = out[key];
      out[key] = isObj(prev) && isObj(value) ? { ...prev, ...value } : value;
    }
  }
  return out;
}

/** The validated configuration, or diagnostics naming the file, line and problem. */
export async function loadRepoConfig(gh: GitHub, repo: RepoRef): Promise<ConfigResult> {
  let merged: Obj;
  try {
    // `files` lists the extended file first; `config` is built from them by `defaults`.
    merged = await readRepoConfig(gh, repo, CONFIG_PATH, mergeConfigs);
  } catch (err) {
    // GitHub not answering (after the client's retries) says nothing about the file: the job fails and is
    // reported as a failed run, never as an invalid configuration.
    if (isRequestFailure(err)) throw err;
    // The plugin throws on YAML it cannot parse; read the text to report the line. If the repository's own
    // file parses, the broken file is an extended one and the plugin's error is all there is to say.
    const text = await readFileText(gh, repo, CONFIG_PATH);
    const fromText = text === undefined ? undefined : loadConfigText(text, CONFIG_PATH);
    if (fromText && !fromText.ok) return fromText;
    return {
      ok: false,
      diagnostics: [
        { code: 'config-invalid-yaml', message: `${CONFIG_PATH}: ${(err as Error).message}`, file: CONFIG_PATH },
      ],
    };
  }
  const result = loadConfigObject(merged, CONFIG_PATH);
  if (result.ok) return result;
  // Re-validate the repository's own text for line numbers; problems inherited through `_extends` keep
  // the object diagnostics.
  const text = await readFileText(gh, repo, CONFIG_PATH);
  const fromText = text === undefined ? undefined : loadConfigText(text, CONFIG_PATH);
  return fromText && !fromText.ok ? fromText : result;
}
