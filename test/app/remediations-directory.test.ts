import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { createHarness, type Harness } from './harness.js';
import { example, exampleAt } from './payloads.js';

const openapi = createOpenApiValidator();
const installed = example('installation', 'created');
const [owner, name] = String(installed.repositories[0].full_name).split('/') as [string, string];

const DIR = '.kubemend/remediations';
const CUSTOM = `${DIR}/disable-service-links.yml`;
const WEB = 'deploy/web.yaml';

// A remediation kept in the repository, in the format of remediations/*.yml: a pod-level field that is
// unset in the manifest below. enableServiceLinks: https://kubernetes.io/docs/tutorials/services/connect-applications-service/#accessing-the-service
const SERVICE_LINKS = [
  'id: disable-service-links',
  'title: Do not inject service environment variables',
  'severity: low',
  'scope: pod',
  'rationale: Service links put every service of the namespace into the environment of each container.',
  'risk: Programs that read SERVICE_HOST variables instead of DNS no longer find their services.',
  'checks:',
  '  - field: enableServiceLinks',
  '    unset: fails',
  '    fails_when: { not_equal: false }',
  '    fix: { action: set, value: false }',
  'options:',
  '  strict:',
  '    type: boolean',
  '    default: false',
  '    description: "Unused, to test option validation. Default: false."',
  'aliases: { kube-score: [pod-service-links] }',
  '',
].join('\n');

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  template:',
  '    spec:',
  '      # keep this comment',
  '      containers:',
  '        - name: web',
  '          image: nginx:1.27',
  '',
].join('\n');

function config(extra = ''): string {
  return `scanOnInstall: true\nremediations:\n  directory: ${DIR}\n  enabled: [disable-service-links]\n${extra}`;
}

let app: Harness;
beforeEach(async () => {
  app = await createHarness();
});

// Every request the App sent in the test is one GitHub documents, with a body its schema accepts.
afterEach(assertNoApiProblems);

/** GitHub's first example push to a default branch, moved to the installed repository, modifying `paths`. */
function pushPayload(paths: string[]): Record<string, any> {
  let payload: Record<string, any> | undefined;
  for (let i = 0; !payload; i++) {
    const p = exampleAt('push', i);
    if (p.ref === `refs/heads/${p.repository.default_branch}` && p.installation) payload = p;
  }
  Object.assign(payload.repository, { name, full_name: `${owner}/${name}` });
  Object.assign(payload.repository.owner, { login: owner, name: owner });
  payload.installation.id = installed.installation.id;
  payload.commits[0].modified = paths;
  payload.head_commit = { ...payload.commits[0] };
  return payload;
}

function fake(files: Record<string, string>, defaultBranch?: string): FakeGitHub {
  return new FakeGitHub({
    owner,
    repo: name,
    files: { [WEB]: DEPLOYMENT, ...files },
    openapi,
    ...(defaultBranch ? { defaultBranch } : {}),
  }).intercept();
}

describe('remediations.directory', () => {
  it("adds the repository's own remediation to the catalog and opens its pull request in 5 writes", async () => {
    const files = {
      '.github/kubemend.yml': config('  options: { disable-service-links: { strict: true } }\n'),
      [CUSTOM]: SERVICE_LINKS,
    };
    const gh = fake(files);
    await app.deliver('installation', installed, 'rd-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.checkRuns).toEqual([]);
    expect(gh.pulls.map((p) => p.head)).toEqual(['kubemend/disable-service-links']);
    expect(gh.writes()).toHaveLength(5);
    const pr = gh.pulls[0]!;
    const after = gh.filesAt(pr.headSha);
    expect(after[WEB]).toBe(`${DEPLOYMENT}      enableServiceLinks: false\n`);
    // Only the manifest changed: the remediation file is the catalog's, not a manifest to fix.
    expect(after).toEqual({ ...files, [WEB]: after[WEB] });
    expect(pr.title).toBe('kubemend: Do not inject service environment variables (1 workload)');
    expect(pr.body).toContain('Do not inject service environment variables');
    expect(pr.body).toContain('`deploy/web.yaml`');
    expect(pr.body).toContain('+      enableServiceLinks: false\n');
    expect(gh.reads().filter((r) => r.template === '/repos/{owner}/{repo}/git/trees/{tree_sha}')).toHaveLength(1);
    // One tree listing serves both; each blob read once (the remediation file, the config under the default
    // `**/*.yml` include, the manifest).
    const blobReads = gh
      .reads()
      .filter((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}')
      .map((r) => r.path);
    expect(new Set(blobReads).size).toBe(3);
    expect(blobReads).toHaveLength(3);
  });

  it('reports an invalid remediation file once in the configuration check run, naming the file and problem, and does nothing else', async () => {
    const broken = SERVICE_LINKS.replace('scope: pod', 'scope: namespace');
    const gh = fake({ '.github/kubemend.yml': config(), [CUSTOM]: broken, [`${DIR}/README.md`]: 'not a remediation' });
    await app.deliver('installation', installed, 'rd-2');
    await app.deliver('installation', installed, 'rd-3');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls).toEqual([]);
    expect(gh.checkRuns).toHaveLength(1);
    const run = gh.checkRuns[0]!;
    expect(run.name).toBe('kubemend / configuration');
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toMatch(new RegExp(`^\\d+ problems? in ${CUSTOM.replace(/\./g, '\\.')}$`));
    expect(run.output.summary).toContain(`\n- ${CUSTOM}: scope: Invalid option: expected one of "container"\\|"pod"\n`);
    expect(gh.writes().map((w) => `${w.method} ${w.template}`)).toEqual(['POST /repos/{owner}/{repo}/check-runs']);
    // The manifests were never read: only the remediation file, once per job.
    expect(gh.reads().filter((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}')).toHaveLength(2);
  });

  it('rejects a remediation whose id or alias clashes with a built-in one', async () => {
    const clash = SERVICE_LINKS.replace('kube-score: [pod-service-links]', 'trivy: [KSV012]');
    const gh = fake({ '.github/kubemend.yml': config(), [CUSTOM]: clash });
    await app.deliver('installation', installed, 'rd-4');
    expect(gh.pulls).toEqual([]);
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]!.output.summary).toContain(
      `- ${CUSTOM}: aliases.trivy: "KSV012" is already an alias of "run-as-non-root"`,
    );
  });

  it("checks remediations.options and severity against the catalog with the repository's files, as a config problem", async () => {
    const extra =
      '  options: { disable-service-links: { strict: "yes" } }\n  severity: { no-such-remediation: high }\n';
    const gh = fake({ '.github/kubemend.yml': config(extra), [CUSTOM]: SERVICE_LINKS });
    await app.deliver('installation', installed, 'rd-5');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toEqual([]);
    expect(gh.checkRuns).toHaveLength(1);
    const run = gh.checkRuns[0]!;
    expect(run.output.title).toBe('2 problems in .github/kubemend.yml');
    expect(run.output.summary).toContain(
      '- .github/kubemend.yml: remediations.severity.no-such-remediation: no remediation with id "no-such-remediation"',
    );
    expect(run.output.summary).toContain(
      '- .github/kubemend.yml: remediations.options.disable-service-links.strict: Invalid input: expected boolean, received string',
    );
  });

  it('reports a directory with no remediation files in it', async () => {
    const gh = fake({ '.github/kubemend.yml': config(), [`${DIR}/nested/x.yml`]: SERVICE_LINKS });
    await app.deliver('installation', installed, 'rd-6');
    expect(gh.pulls).toEqual([]);
    expect(gh.checkRuns.map((r) => r.output.summary)).toEqual([
      expect.stringContaining(
        `- .github/kubemend.yml: remediations.directory: no .yml or .yaml files in "${DIR}" (relative to the repository root)`,
      ),
    ]);
    expect(gh.writes()).toHaveLength(1);
  });

  it("keeps resolving an open pull request's remediation with the repository's catalog on pushes", async () => {
    const push = pushPayload([WEB]);
    const gh = fake({ '.github/kubemend.yml': config(), [CUSTOM]: SERVICE_LINKS }, push.repository.default_branch);
    await app.deliver('installation', installed, 'rd-7');
    expect(gh.pulls.map((p) => p.state)).toEqual(['open']);
    // A change elsewhere in the manifest: the same fix is still needed, so nothing is written.
    gh.push(push.repository.default_branch, { [WEB]: DEPLOYMENT.replace('nginx:1.27', 'nginx:1.28') });
    gh.resetLog();
    await app.deliver('push', push, 'rd-8');
    expect(app.jobErrors).toEqual([]);
    expect(gh.writes()).toEqual([]);
    expect(gh.pulls.map((p) => p.state)).toEqual(['open']);
    // Fixed by hand: the pull request is closed with a comment.
    gh.push(push.repository.default_branch, {
      [WEB]: DEPLOYMENT.replace('    spec:\n', '    spec:\n      enableServiceLinks: false # by hand\n'),
    });
    await app.deliver('push', push, 'rd-9');
    expect(app.jobErrors).toEqual([]);
    expect(gh.problems).toEqual([]);
    expect(gh.pulls.map((p) => p.state)).toEqual(['closed']);
    expect(gh.comments.map((c) => c.issue)).toEqual([1]);
  });
});
