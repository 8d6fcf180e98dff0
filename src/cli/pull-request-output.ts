/**
 * `fix --git` and `example`: the pull requests the App would open for the run, made locally. The bot core
 * groups the fixes (config `pullRequests.grouping`), names the branches and renders titles and bodies
 * (src/bot/pull-requests/propose.ts, render-group.ts); here each proposal within `prLimit` becomes one
 * commit on its own branch.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Engine } from '../bot/engine.js';
import { configHash } from '../bot/config-hash.js';
import { gitBlobSha, type Proposal, proposePullRequests } from '../bot/pull-requests/propose.js';
import { renderGroup } from '../bot/pull-requests/render-group.js';
import type { Config } from '../config/schema.js';
import type { RunResult } from '../model.js';
import { commitOnBranches } from './git.js';

export interface LocalPullRequest {
  key: string;
  branch: string;
  title: string;
  body: string;
  fixes: number;
  files: number;
  /** The commit on `branch`; absent for a pull request held back by `prLimit`. */
  commit?: string;
  held?: Proposal['held'];
}

/**
 * The config hash the App records in its pull requests: the config and the remediation files in
 * `remediations.directory` (and its images/), by git blob id, as the App lists them from the tree.
 */
export async function localConfigHash(config: Config, root: string): Promise<string> {
  const dir = config.remediations.directory;
  if (dir === undefined) return configHash(config);
  const extra: string[] = [];
  for (const sub of ['', 'images/']) {
    const names = await readdir(resolve(root, dir, sub)).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const path = join(dir, sub, name).split('\\').join('/').replace(/^\.\//, '');
      extra.push(`${path}@${gitBlobSha(await readFile(resolve(root, dir, sub, name), 'utf8'))}`);
    }
  }
  return configHash(config, extra.sort());
}

function commitMessage(title: string, p: Proposal): string {
  const files = p.group.result.files;
  const remediations = [...new Set(files.flatMap((f) => f.fixes.map((x) => x.remediation)))].sort();
  const fixes = files.reduce((n, f) => n + f.fixes.length, 0);
  return `${title}\n\nRemediations: ${remediations.join(', ')}\nFixes: ${fixes} in ${files.length} files, each verified by re-parsing.\n`;
}

/** Commits each proposal within `prLimit` on its branch and renders every pull request; [] when nothing changed. */
export async function commitPullRequests(
  result: RunResult,
  opts: { root: string; config: Config; engine: Engine; env?: NodeJS.ProcessEnv },
): Promise<LocalPullRequest[]> {
  const proposals = proposePullRequests(result, {
    config: opts.config,
    engine: opts.engine,
    configHash: await localConfigHash(opts.config, opts.root),
  });
  const made = proposals.filter((p) => !p.held);
  const titles = made.map((p) => renderGroup(opts.engine, p.group, p.desired, '').title);
  const commits = made.length
    ? await commitOnBranches({
        root: opts.root,
        commits: made.map((p, i) => ({
          branch: p.branch,
          files: p.group.result.files,
          message: commitMessage(titles[i] as string, p),
        })),
        ...(opts.env ? { env: opts.env } : {}),
      })
    : [];
  return proposals.map((p) => {
    const index = made.indexOf(p);
    const commit = index >= 0 ? commits[index] : undefined;
    const { title, body } = renderGroup(opts.engine, p.group, p.desired, commit ?? '');
    const files = p.group.result.files;
    return {
      key: p.key,
      branch: p.branch,
      title,
      body,
      fixes: files.reduce((n, f) => n + f.fixes.length, 0),
      files: files.length,
      ...(commit ? { commit } : {}),
      ...(p.held ? { held: p.held } : {}),
    };
  });
}

/** One line per pull request: the branch and commit, or why it is held. */
export function describePullRequests(prs: readonly LocalPullRequest[], prLimit: number): string {
  return prs
    .map((pr) =>
      pr.commit
        ? `kubemend: committed ${pr.commit.slice(0, 12)} on branch ${pr.branch}\n`
        : `kubemend: not committed: ${pr.branch} (${pr.fixes} ${pr.fixes === 1 ? 'fix' : 'fixes'}) waits until fewer than pullRequests.prLimit (${prLimit}) kubemend pull requests are open\n`,
    )
    .join('');
}

/** Writes the bodies to `file` (one after another) and returns the titles, or returns titles and bodies together. */
export async function emitPullRequests(
  prs: readonly LocalPullRequest[],
  file: string | undefined,
  cwd: string,
): Promise<string> {
  const made = prs.filter((p) => p.commit);
  if (file === undefined) return made.map((pr) => `${pr.title}\n\n${pr.body}\n`).join('\n');
  await writeFile(resolve(cwd, file), made.map((pr) => `${pr.body}\n`).join('\n'));
  return made.map((pr) => `${pr.title}\n`).join('');
}
