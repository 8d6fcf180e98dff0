/**
 * `/kubemend fix [ids…]` on a person's pull request: one commit with the verified fixes of the manifests
 * the pull request changes, pushed to its branch (push-fixes.ts: pinned head, fast-forward only). A pull
 * request from a fork is never pushed to: the fixes are posted as review suggestions instead.
 */
import { escapeName, inlineCode } from '../../report/escape-markdown.js';
import { fixLines, idsWithoutFix, plainLabel } from '../../report/command-fixes.js';
import type { Analysis } from '../review/analyse-files.js';
import { builtinLookup } from '../review/catalog-lookup.js';
import { postSuggestions } from '../review/post-suggestions.js';
import { planSuggestions } from '../review/suggestions.js';
import type { PullRequestFile } from '../../github/index.js';
import type { CommandContext, CommandResult } from './command-types.js';
import { analysePullRequest } from './pr-analysis.js';
import { pushFixes } from './push-fixes.js';

function commitMessage(ctx: CommandContext, analysis: Analysis): string {
  const n = analysis.fixes.length;
  const lines = analysis.fixes.map((f) => `- ${plainLabel(f.fix, f.path)}`);
  return [
    `kubemend: ${n} security fix${n === 1 ? '' : 'es'}`,
    '',
    ...lines,
    '',
    `Requested with /kubemend fix on pull request ${ctx.pr?.number ?? ''}.`,
  ].join('\n');
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

async function suggestOnFork(
  ctx: CommandContext,
  analysis: Analysis,
  files: PullRequestFile[],
  headSha: string,
): Promise<CommandResult> {
  const lookup = ctx.deps.lookup ?? builtinLookup();
  const plan = planSuggestions(analysis.changed, files, analysis.fixes, lookup);
  const posted = await ctx.deps.pacer.run(() =>
    postSuggestions(ctx.gh, ctx.repo, ctx.pr?.number ?? 0, headSha, plan, ctx.botLogin),
  );
  const outside = analysis.fixes.filter((f) => !plan.suggested.has(f));
  return {
    status: 'done',
    body: [
      'This pull request comes from a fork: kubemend never pushes to it.',
      `${posted} new suggestion${posted === 1 ? '' : 's'} posted as a review (${plan.comments.length - posted} already suggested); commit them from the review.`,
      ...(outside.length ? ['Outside the diff (no suggestion can sit there):', fixLines(outside, lookup)] : []),
    ],
  };
}

export async function runFix(ctx: CommandContext): Promise<CommandResult> {
  const pr = ctx.pr;
  const pinned = ctx.job.headSha;
  if (!pr || !pinned) return { status: 'refused', body: ['`fix` runs on a pull request.'] };
  if (pr.state !== 'open') return { status: 'refused', body: ['This pull request is closed: nothing pushed.'] };
  if (pr.author === ctx.botLogin)
    return {
      status: 'refused',
      body: [
        "This is kubemend's own pull request: kubemend regenerates it itself when the default branch or the findings change.",
      ],
    };
  const result = await analysePullRequest(ctx, pinned);
  if (!result.ok) return { status: 'refused', body: [result.problem] };
  const { analysis, files, only } = result;
  const missing = idsWithoutFix(only, analysis.fixes);
  if (analysis.changed.length === 0)
    return {
      status: 'done',
      body: ['Nothing to fix in the manifests this pull request changes.', ...(missing ? [missing] : [])],
    };
  if (pr.fromFork) return suggestOnFork(ctx, analysis, files, pinned);
  const writes = analysis.changed.map((f) => ({ path: f.path, text: f.after }));
  const pushed = await pushFixes(ctx.gh, ctx.repo, ctx.deps.pacer, {
    branch: pr.headRef,
    pinnedSha: pinned,
    files: writes,
    message: commitMessage(ctx, analysis),
  });
  if (pushed.kind === 'moved') {
    const now = pushed.now ? ` (it is at ${inlineCode(short(pushed.now))} now)` : '';
    return {
      status: 'refused',
      body: [
        `The branch moved since the command was given on ${inlineCode(short(pinned))}${now}: nothing was pushed. Comment the command again to fix the new head.`,
      ],
    };
  }
  const n = analysis.fixes.length;
  return {
    status: 'done',
    body: [
      `Pushed ${inlineCode(short(pushed.sha))} to ${escapeName(pr.headRef)} with ${n} fix${n === 1 ? '' : 'es'}:`,
      fixLines(analysis.fixes, ctx.deps.lookup ?? builtinLookup()),
      ...(missing ? [missing] : []),
    ],
  };
}
