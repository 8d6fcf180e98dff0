import { beforeEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub } from '../github/fake-github.js';
import { createHarness, type Harness } from './harness.js';
import { alertPayload, example } from './payloads.js';
import { exampleRepoFiles } from './repo-files.js';

const openapi = createOpenApiValidator();
const repoInfo = example('code_scanning_alert', 'created').repository as { name: string; owner: { login: string }; default_branch: string };

let gh: FakeGitHub;
let app: Harness;
const files = exampleRepoFiles();

beforeEach(async () => {
  gh = new FakeGitHub({ owner: repoInfo.owner.login, repo: repoInfo.name, defaultBranch: repoInfo.default_branch, files, openapi }).intercept();
  app = await createHarness();
});

const webAlert = (number: number) =>
  alertPayload({
    number,
    ruleId: 'KSV-0012',
    tool: 'Trivy',
    path: 'apps/web/deployment.yaml',
    startLine: 21,
    endLine: 37,
    message: "Container 'web' of Deployment 'web' should set 'securityContext.runAsNonRoot' to true",
  });

describe('code_scanning_alert', () => {
  it('opens one pull request whose commit changes only the alert file, in at most 6 writes', async () => {
    await app.deliver('code_scanning_alert', webAlert(1), 'd-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    const pr = gh.pulls[0]!;
    expect(pr.head).toBe('kubemend/run-as-non-root');
    expect(pr.base).toBe(repoInfo.default_branch);
    const after = gh.filesAt(pr.headSha);
    const before = files['apps/web/deployment.yaml']!;
    expect(after['apps/web/deployment.yaml']).not.toBe(before);
    console.log(after['apps/web/deployment.yaml']);
    for (const [path, text] of Object.entries(files)) if (path !== 'apps/web/deployment.yaml') expect(after[path]).toBe(text);
    expect(gh.writes().map((w) => `${w.method} ${w.template}`)).toEqual([
      'POST /repos/{owner}/{repo}/git/trees',
      'POST /repos/{owner}/{repo}/git/commits',
      'POST /repos/{owner}/{repo}/git/refs',
      'POST /repos/{owner}/{repo}/pulls',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    ]);
    console.log(gh.reads().map((w) => `${w.method} ${w.path}`));
    console.log(pr.title, pr.body);
  });
});
