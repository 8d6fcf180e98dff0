/**
 * `kubemend example`: the main job end to end with no GitHub account. Copies `examples/infra` to a
 * temporary git repository, reads the bundled Kubescape and Trivy scans of it, maps the findings, patches
 * and verifies the manifests, commits on a branch, and prints the pull request the App would open.
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
import { commitAndRender } from './pull-request-output.js';

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
  const catalog = loadCatalogFor(config, undefined, repo);
  const { findings } = await loadFindings(SCANS.map((s) => join(EXAMPLES, 'scans', s)), catalog, io.cwd);
  const read = await readRepoFiles(['.'], config, repo);
  const result = runPipeline(read.files, { catalog, config, findings, root: read.root });
  const s = result.summary;
  io.stderr(`kubemend example: ${findings.length} findings from ${SCANS.join(' and ')}; ${s.fixes} fixes verified in ${s.filesChanged} files, ${s.skipped} not fixed (reasons in the PR), ${s.unmapped} findings without an automatic fix\n`);
  const outcome = await commitAndRender(result, { root: repo, config, lookup: lookupFrom(catalog.remediations), env: { ...EXAMPLE_ENV, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'commit.gpgsign', GIT_CONFIG_VALUE_0: 'false' } });
  if (!outcome) {
    io.stderr('kubemend example: nothing to fix\n');
    return 0;
  }
  io.stdout(`Pull request the App would open (branch ${outcome.branch}):\n\n# ${outcome.pr.title}\n\n${outcome.pr.body}\n\n`);
  io.stdout(`The repository is at ${repo}; the fixes are commit ${outcome.commit.slice(0, 12)} on branch ${outcome.branch}.\nSee it with: git -C ${repo} show --stat HEAD\n`);
  return 0;
}
