/**
 * `issues.edited` on the App's dashboard issue: the boxes ticked by this edit ("sweep now", "open a PR for
 * this") become one sweep job (src/bot/dashboard dashboardJobs), when the person who ticked them may run
 * commands that write, by the commands' own rule (src/bot/commands/permission.ts, with the repository's
 * `commands.allow`). An edit that ticks nothing costs no request. An invalid config refuses the ticks; the
 * next sweep reports the config.
 */
import { type IssuesEditedPayload, dashboardEditOf, dashboardJobs, dashboardTicks } from '../../bot/dashboard/index.js';
import { loadRepoConfig } from '../../bot/config/load-repo-config.js';
import { decidePermission } from '../../bot/commands/permission.js';
import type { SweepJob } from '../../bot/jobs.js';
import type { GitHub } from '../../github/index.js';

/** Whether the delivery ticks any box of a dashboard (decided from the payload alone). */
export function ticksDashboard(payload: IssuesEditedPayload): boolean {
  return (
    payload.installation !== undefined &&
    dashboardTicks(payload.changes?.body?.from, payload.issue.body ?? null).length > 0
  );
}

/** The sweep job the edit asks for, or none (not the App's dashboard, the sender may not write). */
export async function dashboardEditJobs(
  gh: GitHub,
  payload: IssuesEditedPayload,
  deliveryId: string,
  botLogin: string,
): Promise<SweepJob[]> {
  const edit = dashboardEditOf(payload, deliveryId);
  if (!edit) return [];
  const repo = { owner: edit.owner, repo: edit.repo };
  const loaded = await loadRepoConfig(gh, repo);
  if (!loaded.ok) return [];
  const mayWrite = async (who: { login: string; type: string }) =>
    (await decidePermission(gh, repo, who, 'write', loaded.config, botLogin)).kind === 'allowed';
  return dashboardJobs(edit, { botLogin, mayWrite });
}
