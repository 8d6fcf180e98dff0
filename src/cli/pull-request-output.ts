/**
 * `fix --git` and `example`: commit the run's fixes on a branch named after them and render the pull
 * request with the same renderer the App uses.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import type { RunResult } from '../model.js';
import { type RemediationLookup } from '../report/remediation-info.js';
import { type PullRequest, renderPullRequest } from '../report/render-pull-request.js';
import { commitOnBranch } from './git.js';

export interface GitOutcome {
  branch: string;
  commit: string;
  pr: PullRequest;
}

/** `<prefix><remediation>` for one remediation, else `<prefix>fixes-<hash of the fixes>`: re-runs find the same name. */
export function branchName(prefix: string, pr: PullRequest): string {
  const [only, ...more] = pr.meta.remediations;
  if (only && !more.length) return `${prefix}${only}`;
  return `${prefix}fixes-${pr.meta.set.slice(0, 8)}`;
}

/** Commits the fixes (nothing when there are none) and returns the branch, commit and pull request. */
export async function commitAndRender(
  result: RunResult,
  opts: { root: string; config: Config; lookup: RemediationLookup; env?: NodeJS.ProcessEnv },
): Promise<GitOutcome | undefined> {
  if (!result.files.some((f) => f.changed)) return undefined;
  const pr = renderPullRequest(result.files, { lookup: opts.lookup });
  const branch = branchName(opts.config.pullRequests.branchPrefix, pr);
  const message = `${pr.title}\n\nRemediations: ${pr.meta.remediations.join(', ')}\nFixes: ${pr.meta.fixes} in ${pr.meta.files} files, each verified by re-parsing.\n`;
  const commit = await commitOnBranch({ root: opts.root, files: result.files, branch, message, ...(opts.env ? { env: opts.env } : {}) });
  return { branch, commit, pr };
}

/** Writes the body to `file` and returns the title, or returns title and body together. */
export async function emitPullRequest(pr: PullRequest, file: string | undefined, cwd: string): Promise<string> {
  if (file === undefined) return `${pr.title}\n\n${pr.body}\n`;
  await writeFile(resolve(cwd, file), `${pr.body}\n`);
  return `${pr.title}\n`;
}
