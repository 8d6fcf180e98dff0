/**
 * The pull request that carries `ignore`/`unignore` edits of `.github/kubemend.yml`: exemptions are never
 * hidden state, they are a change a person reviews and merges. kubemend's open config pull request (branch
 * `<prefix>config-…`) is updated with one more commit (fast-forward); without one, a branch is made from
 * the default branch, named after the delivery so a retried command finds its own branch again.
 */
import { createHash } from 'node:crypto';
import {
  type GitHub,
  type PullRequestInfo,
  type RepoRef,
  advanceBranch,
  createCommit,
  createFilesTree,
  getBranchHead,
  getCommitTree,
  getDefaultBranch,
  isStatus,
  listOpenPullRequests,
  openPullRequest,
  readFileText,
  writeBranch,
} from '../../github/index.js';
import { CONFIG_PATH } from '../config/load-repo-config.js';
import type { Pacer } from '../ports.js';

export interface ConfigChange {
  /** The new text from the current one (undefined: no file yet); a problem string when it cannot be made. */
  edit(text: string | undefined): { ok: true; text: string } | { ok: false; message: string };
  message: string;
  title: string;
  /** Escaped markdown. */
  body: string;
}

export type ConfigPrOutcome =
  { kind: 'opened' | 'updated'; pr: PullRequestInfo } | { kind: 'no-change'; message: string };

function branchFor(prefix: string, deliveryId: string): string {
  return `${prefix}config-${createHash('sha256').update(deliveryId).digest('hex').slice(0, 8)}`;
}

async function commitOn(gh: GitHub, repo: RepoRef, parent: string, text: string, message: string): Promise<string> {
  const tree = await createFilesTree(gh, repo, await getCommitTree(gh, repo, parent), [{ path: CONFIG_PATH, text }]);
  return createCommit(gh, repo, tree, parent, message);
}

export interface ConfigPrInput {
  prefix: string;
  deliveryId: string;
  botLogin: string;
  change: ConfigChange;
}

/** Opens or updates kubemend's config pull request with `change`. */
export async function proposeConfigChange(
  gh: GitHub,
  repo: RepoRef,
  pacer: Pacer,
  input: ConfigPrInput,
): Promise<ConfigPrOutcome> {
  const open = (await listOpenPullRequests(gh, repo, input.prefix)).find(
    (p) => p.headRef.startsWith(`${input.prefix}config-`) && p.author === input.botLogin && !p.fromFork,
  );
  const base = await getDefaultBranch(gh, repo);
  const branch = open?.headRef ?? branchFor(input.prefix, input.deliveryId);
  const parent = open ? open.headSha : await getBranchHead(gh, repo, base);
  if (!parent) return { kind: 'no-change', message: 'the default branch has no commit yet' };
  const edited = input.change.edit(await readFileText(gh, repo, CONFIG_PATH, parent));
  if (!edited.ok) return { kind: 'no-change', message: edited.message };
  return pacer.run(async () => {
    const sha = await commitOn(gh, repo, parent, edited.text, input.change.message);
    if (open) {
      await advanceBranch(gh, repo, branch, sha);
      return { kind: 'updated' as const, pr: open };
    }
    try {
      await writeBranch(gh, repo, branch, sha, false);
    } catch (err) {
      // The branch of an earlier attempt of this same command: the pull request is opened from it as it is.
      if (!isStatus(err, 422)) throw err;
    }
    const pr = await openPullRequest(gh, repo, {
      branch,
      base,
      title: input.change.title,
      body: input.change.body,
      draft: false,
    });
    return { kind: 'opened' as const, pr };
  }, 4);
}
