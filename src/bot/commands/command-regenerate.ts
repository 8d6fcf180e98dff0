/**
 * `/kubemend rebase` and `/kubemend recreate` on kubemend's own pull requests. Both hand the work to the
 * pull request lifecycle (a re-check job) after marking, in the pull request's own metadata, that its fixes
 * must be made again: the lifecycle then regenerates the branch on the current default branch as it does
 * when the fixes change. `rebase` does so only while every commit on the branch is kubemend's; `recreate`
 * first says which commits of other people will be lost, then records the current head as kubemend's so the
 * lifecycle replaces it. Nothing is hidden: the metadata lives in the pull request body.
 */
import { type PullRequestCommit, listPullRequestCommits, updatePullRequest } from '../../github/index.js';
import { escapeMarkdown, escapeName, inlineCode } from '../../report/escape-markdown.js';
import { knownPullRequests } from '../pull-requests/known-pull-requests.js';
import { withAppMeta } from '../pull-requests/meta.js';
import { isOwnCommit } from '../pull-requests/own-commit.js';
import type { CommandContext, CommandResult } from './command-types.js';

function commitList(commits: PullRequestCommit[]): string {
  return commits
    .map(
      (c) =>
        `- ${inlineCode(c.sha.slice(0, 7))} ${escapeMarkdown(c.title)} (${escapeName(c.authorLogin ?? 'unknown author')})`,
    )
    .join('\n');
}

export async function runRegenerate(ctx: CommandContext, mode: 'rebase' | 'recreate'): Promise<CommandResult> {
  const known = ctx.pr ? knownPullRequests([ctx.pr])[0] : undefined;
  if (!known || ctx.pr?.state !== 'open')
    return {
      status: 'refused',
      body: ["This is not one of kubemend's open pull requests (or its metadata is missing): nothing to regenerate."],
    };
  if (!ctx.deps.enqueue) return { status: 'refused', body: ['This kubemend cannot queue the regeneration.'] };
  const commits = await listPullRequestCommits(ctx.gh, ctx.repo, known.pr.number);
  const others = commits.filter((c) => !isOwnCommit(c, ctx.botLogin));
  if (mode === 'rebase' && others.length > 0) {
    return {
      status: 'refused',
      body: [
        "Commits on this branch are not kubemend's, so it is not regenerated (that would drop them):",
        commitList(others),
        'Comment `/kubemend recreate` to regenerate it anyway.',
      ],
    };
  }
  // A different set makes the lifecycle regenerate; the head recorded as its own lets it replace the branch.
  const meta = {
    ...known.meta,
    set: `${mode}:${known.meta.set}`,
    ...(mode === 'recreate' ? { commit: known.pr.headSha } : {}),
  };
  await ctx.deps.pacer.run(() =>
    updatePullRequest(ctx.gh, ctx.repo, known.pr.number, { body: withAppMeta(known.pr.body, meta) }),
  );
  const { installationId, owner, repo, deliveryId } = ctx.job;
  await ctx.deps.enqueue({ kind: 'recheck', installationId, owner, repo, deliveryId });
  const lost = mode === 'recreate' && others.length ? ['These commits will be lost:', commitList(others)] : [];
  return {
    status: 'done',
    body: [
      ...lost,
      `Regenerating this pull request on the current ${escapeName(known.pr.baseRef)}: its branch is replaced with kubemend's fixes made again.`,
    ],
  };
}
