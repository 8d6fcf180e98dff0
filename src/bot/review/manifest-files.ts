/**
 * Which files of a pull request kubemend reviews: the ones it adds or changes (not removed) that the
 * configuration's `paths` include. Before the configuration is read, the file names alone decide whether
 * there is anything to do, so a pull request that only touches docs costs one request.
 */
import picomatch from 'picomatch';
import type { Config } from '../../config/schema.js';
import type { PullRequestFile } from '../../github/index.js';
import { YAML_LIMITS } from '../../yaml.js';

/** Extensions a manifest can have under any configuration kubemend reads (YAML and JSON). */
const MANIFEST = /\.(ya?ml|json)$/i;

/** Files that could be manifests, by name alone. */
export function possibleManifests(files: PullRequestFile[]): PullRequestFile[] {
  return files.filter((f) => f.status !== 'removed' && f.sha !== '' && MANIFEST.test(f.path));
}

/** The files `config.paths` include and do not exclude. */
export function configuredManifests(files: PullRequestFile[], config: Config): PullRequestFile[] {
  const include = picomatch(config.paths.include, { dot: true });
  const exclude = config.paths.exclude.length ? picomatch(config.paths.exclude, { dot: true }) : () => false;
  return files.filter((f) => include(f.path) && !exclude(f.path) && (f.size ?? 0) <= YAML_LIMITS.maxBytes);
}
