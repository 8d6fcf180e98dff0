/**
 * `/kubemend sweep`: a drift sweep of this repository, queued as a `SweepJob` with trigger `command`; the
 * sweep reports through its own pull requests and dashboard, so the reply only says it is queued.
 */
import type { CommandContext, CommandResult } from './command-types.js';

export async function runSweep(ctx: CommandContext): Promise<CommandResult> {
  if (!ctx.deps.enqueue) return { status: 'refused', body: ['This kubemend cannot queue sweeps.'] };
  const { installationId, owner, repo, deliveryId } = ctx.job;
  await ctx.deps.enqueue({ kind: 'sweep', trigger: 'command', installationId, owner, repo, deliveryId });
  return {
    status: 'done',
    body: ['A drift sweep of this repository is queued: its pull requests and dashboard show what it finds.'],
  };
}
