/**
 * The check run's buttons, run with the same permission rules as the commands they stand for: "Fix in
 * this PR" is `fix`; "Open a separate PR" puts the same commit on a branch of its own and opens a pull
 * request into the person's branch (nothing is pushed to it); "Ignore" proposes an exemption for each
 * fixable finding in `.github/kubemend.yml`.
 */
import { createHash } from 'node:crypto';
import { findOpenPullRequest, isStatus, openPullRequest, writeBranch } from '../../github/index.js';
import { fixLines, plainLabel } from '../../report/command-fixes.js';
import { escapeName } from '../../report/escape-markdown.js';
import { builtinLookup } from '../review/catalog-lookup.js';
import { proposeIgnore } from './command-ignore.js';
import type { CommandContext, CommandResult } from './command-types.js';
import { analysePullRequest } from './pr-analysis.js';
import { commitOnHead } from './push-fixes.js';

export async function runSeparatePr(ctx: CommandContext): Promise<CommandResult> {
  const pr = ctx.pr;
  const pinned = ctx.job.headSha;
  if (!pr || !pinned || pr.state !== 'open') return { status: 'refused', body: ['This runs on an open pull request.'] };
  if (pr.fromFork)
    return {
      status: 'refused',
      body: [
        'This pull request comes from a fork: a pull request into its branch cannot be opened from here. Commit the suggestions instead.',
      ],
    };
  const result = await analysePullRequest(ctx, pinned);
  if (!result.ok) return { status: 'refused', body: [result.problem] };
  const { analysis } = result;
  if (analysis.changed.length === 0)
    return { status: 'done', body: ['Nothing to fix in the manifests this pull request changes.'] };
  const branch = `${ctx.config.pullRequests.branchPrefix}pr-${pr.number}-${createHash('sha256').update(pinned).digest('hex').slice(0, 8)}`;
  const message = [
    `kubemend: fixes for pull request ${pr.number}`,
    '',
    ...analysis.fixes.map((f) => `- ${plainLabel(f.fix, f.path)}`),
  ].join('\n');
  const opened = await ctx.deps.pacer.run(async () => {
    const sha = await commitOnHead(
      ctx.gh,
      ctx.repo,
      pinned,
      analysis.changed.map((f) => ({ path: f.path, text: f.after })),
      message,
    );
    try {
      await writeBranch(ctx.gh, ctx.repo, branch, sha, false);
    } catch (err) {
      // Made by an earlier run for this same head: its pull request is the answer.
      if (!isStatus(err, 422)) throw err;
      const existing = await findOpenPullRequest(ctx.gh, ctx.repo, branch);
      if (existing) return existing;
    }
    const body = [
      `Fixes for #${pr.number}, made on its head \`${pinned.slice(0, 7)}\`. Merge this into ${escapeName(pr.headRef)} to apply them.`,
      '',
      fixLines(analysis.fixes, ctx.deps.lookup ?? builtinLookup()),
    ].join('\n');
    return openPullRequest(ctx.gh, ctx.repo, {
      branch,
      base: pr.headRef,
      title: `kubemend: security fixes for #${pr.number}`,
      body,
      draft: false,
    });
  }, 4);
  return {
    status: 'done',
    body: [
      `Opened #${opened.number} into ${escapeName(pr.headRef)} with ${analysis.fixes.length} fix${analysis.fixes.length === 1 ? '' : 'es'}.`,
    ],
  };
}

export async function runIgnoreFindings(ctx: CommandContext): Promise<CommandResult> {
  const pinned = ctx.job.headSha;
  if (!ctx.pr || !pinned) return { status: 'refused', body: ['This runs on a pull request.'] };
  const result = await analysePullRequest(ctx, pinned);
  if (!result.ok) return { status: 'refused', body: [result.problem] };
  const seen = new Set<string>();
  const entries = result.analysis.fixes.flatMap((f) => {
    const resource = `${f.fix.resource.kind}/${f.fix.resource.name}`;
    const key = `${f.fix.remediation} ${resource}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        remediation: f.fix.remediation,
        resource,
        reason: `ignored from the kubemend check on #${ctx.pr?.number ?? ''}`,
      },
    ];
  });
  if (entries.length === 0)
    return {
      status: 'done',
      body: ['Nothing to ignore: no fixable finding in the manifests this pull request changes.'],
    };
  return proposeIgnore(ctx, entries, false);
}
