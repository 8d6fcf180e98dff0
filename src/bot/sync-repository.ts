/**
 * One repository job: configuration → base head → (with `remediations.directory`: the one tree listing and
 * the repository's remediation files) → the App's open pull requests → the one tree listing → the needed
 * blobs → pipeline → one pull request per group, each through the lifecycle plan. Nothing is written when
 * the configuration or a remediation file is invalid except the one report of it.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import {
  type GitHub,
  type RepoRef,
  getBranchHead,
  getCommitAuthorship,
  getDefaultBranch,
  listClosedPullRequests,
  listOpenPullRequests,
  readSnapshot,
  readTree,
} from '../github/index.js';
import type { Diagnostic, Finding, RunResult } from '../model.js';
import { loadRepoConfig } from './config/load-repo-config.js';
import { reportConfigProblem } from './config/report-config-problem.js';
import type { Engine, PipelineFile } from './engine.js';
import type { FindingsJob, RecheckJob, ScanJob, SweepJob } from './jobs.js';
import type { Pacer } from './ports.js';
import { branchName } from './pull-requests/branch-name.js';
import { carriedFindings } from './pull-requests/carried-findings.js';
import { closeObsolete } from './pull-requests/close-obsolete.js';
import { desiredFor } from './pull-requests/render-group.js';
import { type FixGroup, groupResults } from './pull-requests/group-results.js';
import { knownPullRequests } from './pull-requests/known-pull-requests.js';
import { isOwnCommit } from './pull-requests/own-commit.js';
import { type DesiredPullRequest, type KnownPullRequest, planPullRequest } from './pull-requests/plan-pull-request.js';
import { type SyncContext, type SyncOutcome, syncPullRequest } from './pull-requests/sync-pull-request.js';
import { configHash } from './config-hash.js';
import { jobEngine } from './job-engine.js';
import { isInsideRepo, repoPath } from '../pipeline/select-files.js';

/** What a repository run needs besides its client (src/bot/run-job.ts builds it from the job's deps). */
export interface SyncDeps {
  engine: Engine;
  pacer: Pacer;
  log: Logger;
  /** The bot login commits are made as (`<slug>[bot]`); asked for only when a branch's author must be checked. */
  botLogin(): Promise<string>;
  /** Told about the job's one pipeline run (a sweep renders its dashboard from it). Default: nobody. */
  onRun?(snapshot: RunSnapshot): void;
}

/** What a repository run saw: the configuration, the engine, the files given to the pipeline and its result. */
export interface RunSnapshot {
  config: Config;
  engine: Engine;
  files: PipelineFile[];
  run: RunResult;
  /** The App's open pull requests before the run. */
  open: KnownPullRequest[];
}

/** The jobs that converge a repository's pull requests on its manifests. */
export type SyncJob = FindingsJob | ScanJob | RecheckJob | SweepJob;

export interface JobOutcome {
  outcome: 'config-invalid' | 'no-branch' | 'no-files' | 'done';
  pullRequests: Array<{ key: string; branch: string; outcome: SyncOutcome }>;
  /** Files read, fixes made, findings not mapped to a manifest (runs that got as far as the pipeline). */
  stats?: { files: number; fixes: number; unmapped: number };
}

/** Repo-relative paths; findings naming a path outside the repository are dropped, and that is logged. */
function normaliseFindings(findings: Finding[], log: Logger): Finding[] {
  const normal = findings.map((f) =>
    f.location ? { ...f, location: { ...f.location, path: repoPath(f.location.path) } } : f,
  );
  const inside = normal.filter((f) => !f.location || isInsideRepo(f.location.path));
  if (inside.length < normal.length) {
    const paths = normal.filter((f) => !inside.includes(f)).map((f) => f.location?.path.slice(0, 200));
    log.warn(
      { dropped: normal.length - inside.length, paths: paths.slice(0, 5) },
      'findings naming a path outside the repository dropped',
    );
  }
  return inside;
}

/** Runs one job against GitHub with an installation client. */
export async function syncRepository(gh: GitHub, job: SyncJob, deps: SyncDeps): Promise<JobOutcome> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const log = deps.log.child({ repo: `${job.owner}/${job.repo}`, delivery: job.deliveryId, kind: job.kind });
  const loaded = await loadRepoConfig(gh, repo);
  if (loaded.ok && job.kind === 'scan' && !loaded.config.scanOnInstall) return { outcome: 'done', pullRequests: [] };
  const baseBranch = job.baseBranch || (await getDefaultBranch(gh, repo));
  const baseSha = await getBranchHead(gh, repo, baseBranch);
  if (baseSha === undefined) return { outcome: 'no-branch', pullRequests: [] };
  if (!loaded.ok) return reportInvalid(gh, repo, baseSha, loaded.diagnostics, deps.pacer, log);
  const config: Config = loaded.config;
  // A remediation directory is read from the job's one tree listing, before anything else can happen.
  const listing = config.remediations.directory === undefined ? undefined : await readTree(gh, repo, baseSha);
  const prepared = await jobEngine(gh, repo, config, listing, deps.engine);
  if (!prepared.ok) return reportInvalid(gh, repo, baseSha, prepared.diagnostics, deps.pacer, log);
  const engine = prepared.engine;
  const listed = await listOpenPullRequests(gh, repo, config.pullRequests.branchPrefix);
  const open = knownPullRequests(listed);
  // Branches someone else's open pull request is made from are never moved under it.
  const foreignHeads = new Set(listed.filter((pr) => !open.some((o) => o.pr === pr)).map((pr) => pr.headRef));
  // Findings-driven and re-check runs also carry the open pull requests' earlier fixes (carried-findings.ts).
  const own = job.kind === 'findings' ? normaliseFindings(job.findings, log) : [];
  const findings = job.kind === 'scan' || job.kind === 'sweep' ? undefined : [...own, ...carriedFindings(open)];
  if (findings?.length === 0) return { outcome: 'no-files', pullRequests: [] };
  // Remediation files are the catalog's, not manifests to fix. The snapshot walks a truncated listing
  // subtree by subtree where the include globs reach, and reads only the files the run needs.
  const remediationPaths = new Set(prepared.remediationFiles.map((f) => f.path));
  const snapshot = await readSnapshot(gh, repo, baseSha, {
    config,
    ...(findings ? { findings } : {}),
    ignore: remediationPaths,
    ...(listing ? { tree: listing } : {}),
  });
  if (snapshot.truncated)
    log.info({ files: snapshot.files.length }, 'tree listing truncated by GitHub; walked subtree by subtree');
  for (const d of snapshot.skipped) log.warn({ file: d.file, code: d.code }, d.message);
  if (snapshot.files.length === 0) {
    log.info(
      { paths: [...new Set(findings?.map((f) => f.location?.path.slice(0, 200)))].slice(0, 5) },
      'no file the findings name is on the default branch under paths.include',
    );
    return { outcome: 'no-files', pullRequests: [] };
  }
  const blobs = snapshot.files;
  const files = blobs.map((b) => ({ path: b.path, text: b.text }));
  // One pipeline run per job: remediation grouping takes the run's partitions, obsolete pull requests are judged from it.
  const grouping = config.pullRequests.grouping;
  const run = engine.runPipeline(files, {
    config,
    ...(findings ? { findings } : {}),
    ...(grouping === 'remediation' ? { partition: true } : {}),
  });
  deps.onRun?.({ config, engine, files, run, open });
  const groups = groupResults(run, grouping);
  const ctx: SyncContext = {
    gh,
    repo,
    engine,
    config,
    pacer: deps.pacer,
    baseBranch,
    baseSha,
    baseTreeSha: snapshot.treeSha,
    modes: new Map(blobs.flatMap((b) => (b.mode ? [[b.path, b.mode] as const] : []))),
    botLogin: deps.botLogin,
  };
  const blobShas = new Map(blobs.map((b) => [b.path, b.sha]));
  // Editing a remediation file changes what kubemend proposes, as editing the config does.
  const hash = configHash(
    config,
    prepared.remediationFiles.map((f) => `${f.path}@${f.sha}`),
  );
  // Fixes a person with write access asked a pull request for (the dashboard's "open a PR for this") go
  // first, and neither prLimit nor an earlier closed pull request holds them back.
  const requested = new Set(job.kind === 'sweep' ? (job.requested ?? []) : []);
  const asked = (g: FixGroup) => g.result.files.some((f) => f.fixes.some((x) => requested.has(x.remediation)));
  const ordered = requested.size ? [...groups.filter(asked), ...groups.filter((g) => !asked(g))] : groups;
  const results = await syncGroups(
    ctx,
    ordered,
    open,
    foreignHeads,
    (group: FixGroup) => desiredFor(engine, group, hash, blobShas),
    asked,
  );
  const handled = new Set(results.map((r) => r.branch));
  const closedNow = await closeObsolete(
    ctx,
    open.filter((o) => !handled.has(o.pr.headRef)),
    { run, ownDetection: findings === undefined },
  );
  for (const c of closedNow) results.push({ key: c.key, branch: c.branch, outcome: 'closed' });
  for (const r of results.filter((x) => x.outcome === 'branch-occupied'))
    log.warn(
      { branch: r.branch, key: r.key },
      "branch holds commits that are not kubemend's; left as it is, fixes not proposed",
    );
  return {
    outcome: 'done',
    pullRequests: results,
    stats: { files: files.length, fixes: run.summary.fixes, unmapped: run.unmapped.length },
  };
}

/** One failing check run for the problems (once per commit and problems), and nothing else. */
async function reportInvalid(
  gh: GitHub,
  repo: RepoRef,
  baseSha: string,
  diagnostics: Diagnostic[],
  pacer: Pacer,
  log: Logger,
): Promise<JobOutcome> {
  const wrote = await pacer.run(() => reportConfigProblem(gh, repo, baseSha, diagnostics));
  log.warn({ problems: diagnostics.length, reported: wrote }, 'invalid configuration; nothing done');
  return { outcome: 'config-invalid', pullRequests: [] };
}

/** The open pull request's head is not the commit its body records, yet the App made it (a run cut short before the body was updated). */
async function movedByApp(ctx: SyncContext, { pr }: KnownPullRequest): Promise<boolean> {
  return isOwnCommit(await getCommitAuthorship(ctx.gh, ctx.repo, pr.headSha), await ctx.botLogin());
}

/** Plans and applies each group in order; pull requests opened in this run count toward `prLimit`. */
async function syncGroups(
  ctx: SyncContext,
  groups: FixGroup[],
  open: KnownPullRequest[],
  foreignHeads: Set<string>,
  desiredOf: (g: FixGroup) => DesiredPullRequest,
  asked: (g: FixGroup) => boolean = () => false,
) {
  const results: JobOutcome['pullRequests'] = [];
  let openCount = open.length;
  for (const group of groups) {
    const branch = branchName(ctx.config.pullRequests.branchPrefix, group.key);
    const desired = desiredOf(group);
    const mine = open.find((o) => o.pr.headRef === branch);
    if (!mine && foreignHeads.has(branch)) {
      results.push({ key: group.key, branch, outcome: 'branch-occupied' });
      continue;
    }
    const closed = mine ? [] : knownPullRequests(await listClosedPullRequests(ctx.gh, ctx.repo, branch));
    const requested = asked(group);
    const input = {
      desired,
      ...(mine ? { open: mine } : {}),
      closed: requested ? [] : closed,
      openCount,
      prLimit: requested ? Number.MAX_SAFE_INTEGER : ctx.config.pullRequests.prLimit,
    };
    let plan = planPullRequest(input);
    // "Someone else pushed" is checked against the commit's author before it is believed.
    if (mine && (plan.action === 'stale-comment' || plan.action === 'stale-notified') && (await movedByApp(ctx, mine)))
      plan = planPullRequest({ ...input, headIsOwn: true });
    const outcome = await syncPullRequest(ctx, group, desired, branch, plan, closed);
    if (outcome === 'created') openCount++;
    results.push({ key: group.key, branch, outcome });
  }
  return results;
}
