/**
 * `kubemend example`: the main job end to end with no GitHub account. Copies `examples/infra` to a
 * temporary git repository, reads the bundled Kubescape and Trivy scans of it, maps the findings, patches
 * and verifies the manifests, and makes the pull requests the App would open (same grouping, branches and
 * bodies: src/bot/pull-requests), each as one commit on its branch, printing them.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../config/schema.js';
import { readRepoFiles } from '../pipeline/read-files.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { lookupFrom } from '../report/remediation-info.js';
import type { ExitCode } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { git } from './git.js';
import { loadCatalogFor, loadConfigFile, loadFindings } from './load-inputs.js';
import { commitPullRequests } from './pull-request-output.js';
import { createDefaultEngine } from '../bot/default-engine.js';

/** `<package>/examples`, from src/cli and dist/cli alike. */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const SCANS = ['kubescape.json', 'trivy.json'];
const CONFIG_FILE = '.github/kubemend.yml';

/** A fixed identity and no signing: the temporary repo must commit on any machine, configured or not. */
const EXAMPLE_ENV = {
  GIT_AUTHOR_NAME: 'kubemend example',
  GIT_AUTHOR_EMAIL: 'example@kubemend.invalid',
  GIT_COMMITTER_NAME: 'kubemend example',
  GIT_COMMITTER_EMAIL: 'example@kubemend.invalid',
};

export async function runExample(io: CliIo): Promise<ExitCode> {
  const repo = join(await mkdtemp(join(tmpdir(), 'kubemend-example-')), 'infra');
  await cp(join(EXAMPLES, 'infra'), repo, { recursive: true });
  await git(repo, ['init', '-q']);
  await git(repo, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  await git(repo, ['add', '-A']);
  await git(repo, ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Initial infra'], EXAMPLE_ENV);
  io.stderr(`kubemend example: copied examples/infra to ${repo} (git repository, branch main)\n`);

  // The repository's own config, read as the App reads it: `.github/kubemend.yml`, with
  // `remediations.directory` relative to the repository root.
  const config = existsSync(join(repo, CONFIG_FILE)) ? await loadConfigFile(CONFIG_FILE, repo) : defaultConfig();
  const catalog = loadCatalogFor(config, repo);
  const { findings } = await loadFindings(
    SCANS.map((s) => join(EXAMPLES, 'scans', s)),
    catalog,
    io.cwd,
  );
  const read = await readRepoFiles(['.'], config, repo);
  const result = runPipeline(read.files, {
    catalog,
    config,
    findings,
    root: read.root,
    partition: config.pullRequests.grouping === 'remediation',
  });
  const s = result.summary;
  io.stderr(
    `kubemend example: ${findings.length} findings from ${SCANS.join(' and ')}; ${s.fixes} fixes verified in ${s.filesChanged} files, ${s.skipped} not fixed (reasons in the PR), ${s.unmapped} findings without an automatic fix\n`,
  );
  const prs = await commitPullRequests(result, {
    root: repo,
    config,
    engine: createDefaultEngine(catalog, config),
    env: { ...EXAMPLE_ENV, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'commit.gpgsign', GIT_CONFIG_VALUE_0: 'false' },
  });
  if (prs.length === 0) {
    io.stderr('kubemend example: nothing to fix\n');
    return 0;
  }
  const made = prs.filter((p) => p.commit);
  const grouping = config.pullRequests.grouping;
  io.stdout(
    `The App would open ${made.length} pull request${made.length === 1 ? '' : 's'} now (pullRequests.grouping: ${grouping}, prLimit: ${config.pullRequests.prLimit}):\n`,
  );
  for (const pr of prs)
    io.stdout(
      `  ${pr.commit ? pr.branch : `${pr.branch} (held: opened once fewer than ${config.pullRequests.prLimit} are open)`}: ${pr.title} (${plural(pr.fixes, 'fix', 'fixes')} in ${plural(pr.files, 'file', 'files')})\n`,
    );
  for (const pr of prs)
    io.stdout(
      `\n---\n${pr.commit ? `Pull request from branch ${pr.branch}` : `Held back by prLimit: branch ${pr.branch}, not committed`}:\n\n# ${pr.title}\n\n${pr.body}\n`,
    );
  const where = made.length === 1 ? `on ${made[0]?.branch}` : 'on main';
  io.stdout(
    `\nThe repository is at ${repo} (${where}); each pull request is one commit on its branch.\nSee them with: git -C ${repo} log --oneline --all --graph\n`,
  );
  return 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
