/**
 * Closes the App's open pull requests whose fixes no longer apply (someone fixed the manifests by hand),
 * judged from the job's one pipeline run: every file the pull request patches was read in the run, and the
 * run proposes no fix of the pull request's remediations in them. A findings-driven run judges only pull
 * requests whose targets it carried (carried-findings.ts), and none of whose carried findings went unmapped:
 * a target that could not be found is not proof it was fixed.
 */
import { updatePullRequest } from '../../github/index.js';
import type { RunResult } from '../../model.js';
import { commentOnce } from './comment-once.js';
import type { KnownPullRequest } from './plan-pull-request.js';
import type { SyncContext } from './sync-pull-request.js';

const CLOSE_COMMENT =
  'The base branch no longer needs these changes (the manifests were fixed another way), so kubemend is closing this pull request.';

export interface ObsoleteInput {
  run: RunResult;
  /** The run was kubemend's own detection over the repository (scan, sweep), not findings. */
  ownDetection: boolean;
}

/** True when the run shows the pull request has nothing left to offer. */
export function isObsolete({ meta }: KnownPullRequest, { run, ownDetection }: ObsoleteInput): boolean {
  const paths = Object.keys(meta.files ?? {});
  // Without the file list (it did not fit the body) the pull request's files are unknown: left open.
  if (paths.length === 0 || meta.remediations.length === 0) return false;
  const read = new Set(run.files.map((f) => f.path));
  if (paths.some((p) => !read.has(p))) return false;
  const own = new Set(meta.remediations);
  const inPaths = new Set(paths);
  if (run.files.some((f) => inPaths.has(f.path) && f.fixes.some((x) => own.has(x.remediation)))) return false;
  if (ownDetection) return true;
  if (meta.targets.length === 0) return false;
  const carried = (p: string, r: string) => meta.targets.some((t) => t.path === p && t.remediation === r);
  return !run.unmapped.some(
    (u) => u.finding.location && u.finding.remediation && carried(u.finding.location.path, u.finding.remediation),
  );
}

/** Returns the pull requests it closed. */
export async function closeObsolete(
  ctx: SyncContext,
  open: KnownPullRequest[],
  input: ObsoleteInput,
): Promise<Array<{ key: string; branch: string }>> {
  const closed: Array<{ key: string; branch: string }> = [];
  for (const known of open) {
    if (!isObsolete(known, input)) continue;
    const { pr, meta } = known;
    // The comment first, once (a run cut short between the two does not comment twice), then the close.
    await ctx.pacer.run(async () => {
      await commentOnce(ctx.gh, ctx.repo, pr.number, CLOSE_COMMENT, 'close');
      await updatePullRequest(ctx.gh, ctx.repo, pr.number, { state: 'closed' });
    });
    closed.push({ key: meta.key, branch: pr.headRef });
  }
  return closed;
}
