/**
 * `/kubemend ignore <remediation> [Kind/name | path glob] [-- reason]` and `/kubemend unignore …`: a pull
 * request editing `.github/kubemend.yml` (config-pull-request.ts), never hidden state. A target with a
 * capitalised first segment and one slash (`Deployment/web`, `CronJob/report-*`) is a resource; anything
 * else is a path glob.
 */
import { escapeMarkdown, escapeName, inlineCode } from '../../report/escape-markdown.js';
import type { CommandContext, CommandResult } from './command-types.js';
import { type ConfigChange, proposeConfigChange } from './config-pull-request.js';
import { type IgnoreEntry, addIgnore, removeIgnore } from './ignore-edit.js';

const REMEDIATION = /^([a-z0-9][a-z0-9-]*|all)$/;
const RESOURCE = /^[A-Z][A-Za-z0-9]*\/[^/\s]+$/;
const MAX_REASON = 300;

/** The entry a command line names, or the problem with it. */
export function ignoreEntry(
  args: string[],
  rest: string | undefined,
): { ok: true; entry: IgnoreEntry } | { ok: false; message: string } {
  const [remediation, target, ...extra] = args;
  if (!remediation || !REMEDIATION.test(remediation))
    return {
      ok: false,
      message:
        'Name a remediation id (or `all`) first: `/kubemend ignore <remediation> [Kind/name | path glob] [-- reason]`.',
    };
  if (extra.length) return { ok: false, message: 'One target at most; put the reason after `--`.' };
  const reason = rest?.slice(0, MAX_REASON);
  const where = target === undefined ? {} : RESOURCE.test(target) ? { resource: target } : { path: target };
  return { ok: true, entry: { remediation, ...where, ...(reason ? { reason } : {}) } };
}

function describeEntry(e: IgnoreEntry): string {
  const target = e.resource
    ? ` for ${escapeName(e.resource)}`
    : e.path
      ? ` for paths ${inlineCode(e.path)}`
      : ' everywhere';
  return `${inlineCode(e.remediation)}${target}${e.reason ? ` (reason: ${escapeMarkdown(e.reason)})` : ''}`;
}

function changeFor(ctx: CommandContext, entries: IgnoreEntry[], remove: boolean): ConfigChange {
  const verb = remove ? 'Stop ignoring' : 'Ignore';
  const listed = entries.map((e) => `- ${describeEntry(e)}`).join('\n');
  return {
    edit(text) {
      let out = text;
      for (const e of entries) {
        const r = remove ? removeIgnore(out, e) : addIgnore(out, e);
        // Several entries (the check run's Ignore button): one already there does not stop the others.
        if (!r.ok && r.problem === 'unchanged' && entries.length > 1) continue;
        if (!r.ok) return { ok: false, message: r.message };
        out = r.text;
      }
      return out === undefined || out === text
        ? { ok: false, message: 'every entry is already there' }
        : { ok: true, text: out };
    },
    message: `kubemend: ${verb.toLowerCase()} ${entries.map((e) => `${e.remediation}${e.resource ? ` ${e.resource}` : e.path ? ` ${e.path}` : ''}`.replace(/[\u0000-\u001f]/g, ' ')).join(', ')}`,
    title: `kubemend: ${remove ? 'lift' : 'add'} ${entries.length === 1 ? 'an exemption' : `${entries.length} exemptions`} in .github/kubemend.yml`,
    body: [
      `${verb} in \`.github/kubemend.yml\`, as asked in #${ctx.job.issueNumber}:`,
      '',
      listed,
      '',
      'Exemptions are configuration: merge this pull request to apply it, close it to drop it.',
    ].join('\n'),
  };
}

/** Proposes the change for `entries` and says what happened. */
export async function proposeIgnore(
  ctx: CommandContext,
  entries: IgnoreEntry[],
  remove: boolean,
): Promise<CommandResult> {
  const outcome = await proposeConfigChange(ctx.gh, ctx.repo, ctx.deps.pacer, {
    prefix: ctx.config.pullRequests.branchPrefix,
    deliveryId: ctx.job.deliveryId,
    botLogin: ctx.botLogin,
    change: changeFor(ctx, entries, remove),
  });
  if (outcome.kind === 'no-change')
    return { status: 'refused', body: [`Nothing proposed: ${escapeMarkdown(outcome.message)}.`] };
  const did = outcome.kind === 'opened' ? 'Opened' : 'Updated';
  return {
    status: 'done',
    body: [
      `${did} #${outcome.pr.number} to ${remove ? 'remove' : 'add'} in \`.github/kubemend.yml\`:`,
      entries.map((e) => `- ${describeEntry(e)}`).join('\n'),
    ],
  };
}

export async function runIgnore(ctx: CommandContext, remove: boolean): Promise<CommandResult> {
  const parsed = ignoreEntry(ctx.command.args, ctx.command.rest);
  if (!parsed.ok) return { status: 'refused', body: [parsed.message] };
  return proposeIgnore(ctx, [parsed.entry], remove);
}
