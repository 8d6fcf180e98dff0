/**
 * Runs one command job: the configuration → who asked (kubemend itself and unlisted bots: nothing at
 * all) → their permission, read now → 👀 → the reply already given to this command, if any (a command
 * that was done is not done again on a replayed delivery) → the command → one reply, edited in place on a
 * retry → 🚀 or 😕. A command that throws gets a failed reply and fails the job, so a redelivery retries it.
 */
import { type GitHub, type RepoRef, addReaction, getPullRequest } from '../../github/index.js';
import { defaultConfig } from '../../config/schema.js';
import { renderCommandReply, replyKey } from '../../report/command-reply.js';
import { escapeMarkdown, inlineCode } from '../../report/escape-markdown.js';
import { loadRepoConfig } from '../config/load-repo-config.js';
import { describeError } from '../describe-error.js';
import type { CommandJob } from '../jobs.js';
import type { ReviewDeps } from '../review/bot-deps.js';
import type { CommandContext, CommandResult, CommandSpec } from './command-types.js';
import { parseCommands } from './parse-commands.js';
import { decidePermission } from './permission.js';
import { findReply, writeReply } from './reply.js';
import { specFor } from './registry.js';

export type CommandOutcome = 'ignored' | 'disabled' | 'replayed' | 'denied' | 'done' | 'refused' | 'failed';

function placeProblem(spec: CommandSpec, ctx: Pick<CommandContext, 'pr' | 'botLogin'>): string | undefined {
  if (spec.where === 'anywhere') return undefined;
  if (!ctx.pr) return `${inlineCode(spec.name)} runs in a pull request's comments.`;
  if (spec.where === 'own-pull-request' && ctx.pr.author !== ctx.botLogin)
    return `${inlineCode(spec.name)} runs on kubemend's own pull requests.`;
  return undefined;
}

function deniedBody(spec: CommandSpec, permission: string, why: 'permission' | 'not-listed'): string[] {
  const need =
    why === 'not-listed'
      ? 'a place in `commands.allow` of `.github/kubemend.yml`'
      : `${inlineCode(spec.need)} permission`;
  return [`This command needs ${need}; you have ${inlineCode(permission)}. Nothing was done.`];
}

/** Runs `job`; returns how it ended (thrown errors are replied to, then rethrown). */
export async function runCommandJob(gh: GitHub, job: CommandJob, deps: ReviewDeps): Promise<CommandOutcome> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const log = deps.log.child({ repo: `${job.owner}/${job.repo}`, delivery: job.deliveryId, kind: job.kind });
  const loaded = await loadRepoConfig(gh, repo);
  // An invalid file still has to decide who is answered: the defaults do, and the reply says what is wrong.
  const config = loaded.ok ? loaded.config : defaultConfig();
  if (!config.commands.enabled) return 'disabled';
  const [command] = parseCommands(job.command.line);
  if (!command) return 'ignored';
  const spec = specFor(command.name, job.commentId === undefined);
  const botLogin = await deps.botLogin();
  const decision = await decidePermission(
    gh,
    repo,
    { login: job.actor, type: job.actor.endsWith('[bot]') ? 'Bot' : 'User' },
    spec.need,
    config,
    botLogin,
  );
  if (decision.kind === 'ignored') return 'ignored';
  // Reactions are content-creating requests too: they go through the pacer with the other writes.
  const react = (content: 'eyes' | 'rocket' | 'confused') =>
    job.commentId === undefined ? Promise.resolve() : addReaction(gh, repo, job.commentId, content);
  await deps.pacer.run(() => react('eyes'));
  const key = replyKey(
    job.commentId === undefined ? `action@${job.headSha ?? ''}` : String(job.commentId),
    command.line,
  );
  const existing = await findReply(gh, repo, job.issueNumber, key, botLogin);
  if (existing?.meta.status === 'done') {
    log.info({ key }, 'command already done; replayed delivery ignored');
    return 'replayed';
  }
  const reply = async (status: CommandOutcome & ('done' | 'refused' | 'denied' | 'failed'), body: string[]) => {
    await deps.pacer.run(async () => {
      await writeReply(
        gh,
        repo,
        job.issueNumber,
        renderCommandReply({ key, status, line: command.line, body }),
        existing,
      );
      await react(status === 'done' ? 'rocket' : 'confused');
    }, 2);
    return status;
  };
  if (decision.kind === 'denied') return reply('denied', deniedBody(spec, decision.permission, decision.why));
  if (!loaded.ok)
    return reply('refused', [
      '`.github/kubemend.yml` is invalid; fix it first:',
      loaded.diagnostics.map((d) => `- ${escapeMarkdown(d.message)}`).join('\n'),
    ]);
  const pr = job.isPullRequest ? await getPullRequest(gh, repo, job.issueNumber) : undefined;
  const ctx: CommandContext = {
    gh,
    repo,
    job,
    config,
    deps,
    log,
    command,
    permission: decision.permission,
    botLogin,
    ...(pr ? { pr } : {}),
  };
  const misplaced = placeProblem(spec, ctx);
  if (misplaced) return reply('refused', [misplaced]);
  let result: CommandResult;
  try {
    result = await spec.run(ctx);
  } catch (err) {
    const facts = describeError(err);
    await reply('failed', [
      `kubemend could not finish this command: ${escapeMarkdown(facts.message)}. It runs again when the event is redelivered; this reply is updated then.`,
    ]).catch(() => undefined);
    throw err;
  }
  log.info({ command: spec.name, status: result.status }, 'command done');
  return reply(result.status, result.body);
}
