/**
 * `/kubemend plan [ids…]`: what kubemend would change, without changing it. On a pull request, the
 * manifests it changes (at its head); on an issue, the repository's manifests on the default branch.
 */
import { getBranchHead, getDefaultBranch, readBlobs, readTree } from '../../github/index.js';
import { diffBlock, fixLines, idsWithoutFix } from '../../report/command-fixes.js';
import { renderDiff } from '../../report/render-diff.js';
import { jobEngine } from '../job-engine.js';
import { type Analysis, locate } from '../review/analyse-files.js';
import { builtinLookup } from '../review/catalog-lookup.js';
import { candidateFiles } from '../../pipeline/select-files.js';
import type { CommandContext, CommandResult } from './command-types.js';
import { analysePullRequest } from './pr-analysis.js';

function describe(
  ctx: CommandContext,
  analysis: Pick<Analysis, 'fixes' | 'changed'>,
  only: string[],
  scope: string,
): CommandResult {
  const lookup = ctx.deps.lookup ?? builtinLookup();
  const missing = idsWithoutFix(only, analysis.fixes);
  if (analysis.fixes.length === 0)
    return { status: 'done', body: [`kubemend would change nothing in ${scope}.`, ...(missing ? [missing] : [])] };
  const n = analysis.fixes.length;
  return {
    status: 'done',
    body: [
      `kubemend would make ${n} fix${n === 1 ? '' : 'es'} in ${scope}:`,
      fixLines(analysis.fixes, lookup),
      ...(missing ? [missing] : []),
      diffBlock(renderDiff(analysis.changed)),
    ],
  };
}

/** The repository's own manifests on the default branch (an issue has no files of its own). */
async function planRepository(ctx: CommandContext): Promise<CommandResult> {
  const branch = await getDefaultBranch(ctx.gh, ctx.repo);
  const sha = await getBranchHead(ctx.gh, ctx.repo, branch);
  if (sha === undefined) return { status: 'refused', body: ['The default branch has no commit yet.'] };
  const tree = await readTree(ctx.gh, ctx.repo, sha);
  const prepared = await jobEngine(ctx.gh, ctx.repo, ctx.config, tree, ctx.deps.engine);
  if (!prepared.ok)
    return {
      status: 'refused',
      body: ['The configuration or a remediation file is invalid: see the *kubemend / configuration* check.'],
    };
  const blobs = await readBlobs(ctx.gh, ctx.repo, candidateFiles(tree.files, ctx.config));
  const only = ctx.command.args;
  const run = prepared.engine.runPipeline(
    blobs.map((b) => ({ path: b.path, text: b.text })),
    { config: ctx.config, ...(only.length ? { only } : {}) },
  );
  return describe(
    ctx,
    { ...locate(run), changed: run.files.filter((f) => f.changed && !f.error) },
    only,
    'the default branch',
  );
}

export async function runPlan(ctx: CommandContext): Promise<CommandResult> {
  if (!ctx.pr) return planRepository(ctx);
  const result = await analysePullRequest(ctx, ctx.pr.headSha);
  if (!result.ok) return { status: 'refused', body: [result.problem] };
  return describe(ctx, result.analysis, result.only, 'the manifests this pull request changes');
}
