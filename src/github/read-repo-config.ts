/**
 * A repository's configuration file as Probot reads it (`context.config`): the YAML at `path` in the
 * default branch, with `_extends` followed to another repository's file (@probot/octokit-plugin-config),
 * merged by `merge` from the extended file to the repository's own. Throws the plugin's error on YAML it
 * cannot parse, and request failures as they are.
 */
import type { GitHub, RepoRef } from './types.js';

export async function readRepoConfig(
  gh: GitHub,
  repo: RepoRef,
  path: string,
  merge: (configs: unknown[]) => Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { config } = await gh.config.get({ ...repo, path, defaults: (configs) => merge(configs) });
  return config as Record<string, unknown>;
}
