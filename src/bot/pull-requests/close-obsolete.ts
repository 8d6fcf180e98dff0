/**
 * Closes the App's open pull requests whose fixes no longer apply (someone fixed the manifests by hand):
 * when every file a pull request patches was read in this run, kubemend's own detection is run over them
 * for the pull request's remediations; no fix left means the pull request has nothing to offer.
 */
import { updatePullRequest } from '../../github/index.js';
import type { PipelineFile } from '../engine.js';
import { commentOnce } from './comment-once.js';
import type { KnownPullRequest } from './plan-pull-request.js';
import type { SyncContext } from './sync-pull-request.js';

const CLOSE_COMMENT =
  'The base branch no longer needs these changes (the manifests were fixed another way), so kubemend is closing this pull request.';

/** Returns the pull requests it closed. */
export async function closeObsolete(ctx: SyncContext, open: KnownPullRequest[], files: PipelineFile[]): Promise<Array<{ key: string; branch: string }>> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const closed: Array<{ key: string; branch: string }> = [];
  for (const { pr, meta } of open) {
    // Without the file list (it did not fit the body) the pull request's files are unknown: left open.
    const own = Object.keys(meta.files ?? {}).map((path) => byPath.get(path));
    if (own.length === 0 || own.some((f) => f === undefined) || meta.remediations.length === 0) continue;
    const rerun = ctx.engine.runPipeline(own as PipelineFile[], { config: ctx.config, only: meta.remediations });
    if (rerun.files.some((f) => f.fixes.length > 0)) continue;
    // The comment first, once (a run cut short between the two does not comment twice), then the close.
    await ctx.pacer.run(async () => {
      await commentOnce(ctx.gh, ctx.repo, pr.number, CLOSE_COMMENT, 'close');
      await updatePullRequest(ctx.gh, ctx.repo, pr.number, { state: 'closed' });
    });
    closed.push({ key: meta.key, branch: pr.headRef });
  }
  return closed;
}
