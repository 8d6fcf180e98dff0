/**
 * The load benchmark's fake GitHub, in its own process so that serving the App's requests does not delay
 * the benchmark's own timing of webhook acknowledgements. Serves `REPOS` copies of the example repository
 * (`bench/infra-0` …) on 127.0.0.1, tells its parent the host, and answers `stats` with what landed.
 */
import { FakeGitHub } from '../github/fake-github.js';
import { serveFakeGitHub } from '../github/fake-github-server.js';
import { exampleRepoFiles } from '../app/repo-files.js';

export interface FakeStats {
  requests: number;
  writes: number;
  pullRequests: number;
  /** Open pull requests beyond one per branch (must be 0). */
  duplicatePullRequests: number;
  /** kubemend branches without an open pull request (must be 0 once the queue drained). */
  branchesWithoutPullRequest: number;
}

const repos = Number(process.env.REPOS ?? '10');
const files = exampleRepoFiles({ withConfig: false });
const fakes = Array.from(
  { length: repos },
  (_, i) => new FakeGitHub({ owner: 'bench', repo: `infra-${i}`, defaultBranch: 'master', files }),
);
const server = await serveFakeGitHub(fakes);

function stats(): FakeStats {
  let requests = 0;
  let writes = 0;
  let pullRequests = 0;
  let duplicatePullRequests = 0;
  let branchesWithoutPullRequest = 0;
  for (const fake of fakes) {
    requests += fake.requests.length;
    writes += fake.writes().length;
    const open = fake.pulls.filter((p) => p.state === 'open');
    pullRequests += open.length;
    duplicatePullRequests += open.length - new Set(open.map((p) => p.head)).size;
    const branches = [...fake.refs.keys()].filter((r) => r.startsWith('kubemend/'));
    branchesWithoutPullRequest += branches.filter((b) => !open.some((p) => p.head === b)).length;
  }
  return { requests, writes, pullRequests, duplicatePullRequests, branchesWithoutPullRequest };
}

process.on('message', (message) => {
  if (message === 'stats') process.send?.({ stats: stats() });
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
process.send?.({ host: server.host });
