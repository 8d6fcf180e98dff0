/**
 * The run `plan` and `fix` describe on a pull request: the manifests it changes, at its head, with the
 * repository's configuration and remediation files. Remediation ids given to the command must be
 * kebab-case ids; an id nothing was fixed for is named in the reply.
 */
import { type PullRequestFile, listPullRequestFiles, readTree } from '../../github/index.js';
import { jobEngine } from '../job-engine.js';
import { type Analysis, analyseFiles } from '../review/analyse-files.js';
import { configuredManifests, possibleManifests } from '../review/manifest-files.js';
import type { CommandContext } from './command-types.js';

const ID = /^[a-z0-9][a-z0-9-]*$/;

export type PrAnalysis =
  { ok: true; analysis: Analysis; files: PullRequestFile[]; only: string[] } | { ok: false; problem: string };

/** The ids among `args` that are not remediation ids (escaped by the caller). */
export function badIds(args: string[]): string[] {
  return args.filter((a) => !ID.test(a));
}

export async function analysePullRequest(ctx: CommandContext, headSha: string): Promise<PrAnalysis> {
  const pr = ctx.pr;
  if (!pr) return { ok: false, problem: 'this command runs on a pull request.' };
  const files = configuredManifests(
    possibleManifests(await listPullRequestFiles(ctx.gh, ctx.repo, pr.number)),
    ctx.config,
  );
  const tree = ctx.config.remediations.directory === undefined ? undefined : await readTree(ctx.gh, ctx.repo, headSha);
  const prepared = await jobEngine(ctx.gh, ctx.repo, ctx.config, tree, ctx.deps.engine);
  if (!prepared.ok)
    return {
      ok: false,
      problem: `the configuration or a remediation file is invalid (${prepared.diagnostics.length} problem${prepared.diagnostics.length === 1 ? '' : 's'}; see the *kubemend / configuration* check).`,
    };
  const only = ctx.command.args;
  const analysis = await analyseFiles(ctx.gh, ctx.repo, files, prepared.engine, ctx.config, only);
  return { ok: true, analysis, files, only };
}
