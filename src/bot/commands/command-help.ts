/**
 * `/kubemend help` (and the answer to an unknown command): the commands, what each needs, the caller's
 * permission as read for this command, and the repository's effective configuration in brief.
 */
import type { Config } from '../../config/schema.js';
import { escapeName, inlineCode } from '../../report/escape-markdown.js';
import type { CommandContext, CommandResult, CommandSpec } from './command-types.js';

function configSummary(config: Config): string[] {
  const allow = config.commands.allow;
  const who =
    allow.users.length || allow.teams.length
      ? `listed users and teams (${allow.users.length + allow.teams.length}) and admins`
      : 'write, maintain and admin';
  const list = (xs: string[]) => (xs.length ? xs.map((x) => inlineCode(x)).join(', ') : 'none');
  return [
    `- commands that write: ${who}; bots obeyed: ${list(allow.bots)}`,
    `- remediations: ${config.remediations.enabled === 'all' ? 'all' : list(config.remediations.enabled)}; disabled: ${list(config.remediations.disabled)}; ignore entries: ${config.ignore.length}`,
    `- paths: ${list(config.paths.include)}${config.paths.exclude.length ? `, except ${list(config.paths.exclude)}` : ''}`,
    `- checks: ${config.checks.enabled ? `on, conclusion ${inlineCode(config.checks.conclusion)}, suggestions ${config.checks.suggestions ? 'on' : 'off'}` : 'off'}`,
    `- pull requests: grouped by ${inlineCode(config.pullRequests.grouping)}, at most ${config.pullRequests.prLimit} open`,
  ];
}

/** The help reply; `note` says why it was given (an unknown command). */
export function helpResult(specs: CommandSpec[], ctx: CommandContext, note?: string): CommandResult {
  const rows = specs.map(
    (s) => `| ${inlineCode(`/kubemend ${s.usage}`, { table: true })} | ${s.summary} | ${s.need} |`,
  );
  return {
    status: note ? 'refused' : 'done',
    body: [
      ...(note ? [note] : []),
      ['| command | what it does | needs |', '| --- | --- | --- |', ...rows].join('\n'),
      `Your permission here: ${inlineCode(ctx.permission)} (${escapeName(ctx.job.actor)}).`,
      ['Effective configuration (`.github/kubemend.yml`):', ...configSummary(ctx.config)].join('\n'),
    ],
  };
}
