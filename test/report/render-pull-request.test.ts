/** The PR body the App and `--git` share: sections, escaping of hostile names, metadata round trip. */
import { describe, expect, it } from 'vitest';
import type { AppliedFix, FileResult } from '../../src/model.js';
import { lookupFrom } from '../../src/report/remediation-info.js';
import {
  fingerprintFix,
  fingerprintSetHash,
  parsePullRequestMeta,
  renderPullRequest,
} from '../../src/report/render-pull-request.js';
import { codeTexts, prose, renderHtml, visibleText } from './github-markdown.js';

const lookup = lookupFrom([
  {
    id: 'no-privilege-escalation',
    title: 'Forbid privilege escalation',
    severity: 'high',
    rationale: 'setuid binaries can gain privileges.',
    risk: 'sudo stops working.',
    controls: [
      {
        framework: 'cis-kubernetes',
        id: '5.2.6',
        title: 'Minimize allowPrivilegeEscalation',
        url: 'https://www.cisecurity.org/benchmark/kubernetes',
      },
      { framework: 'evil', id: '[x](javascript:alert(1))', title: '<b>t</b>', url: 'javascript:alert(1)' },
    ],
  },
]);

function fix(name: string, container: string, reason: AppliedFix['reason'] = 'unset'): AppliedFix {
  return {
    remediation: 'no-privilege-escalation',
    resource: { kind: 'Deployment', name, namespace: 'shop' },
    container: { type: 'containers', name: container, index: 0 },
    reason,
    ops: [
      {
        op: 'add',
        path: '/spec/template/spec/containers/0/securityContext',
        value: { allowPrivilegeEscalation: false },
      },
    ],
    doc: 0,
    behaviourChange: false,
    evidence: [],
    sources: [{ tool: 'kubescape', ruleId: 'C-0016' }],
  };
}

function file(path: string, fixes: AppliedFix[]): FileResult {
  return { path, before: 'a: 1\n', after: 'a: 1\nb: 2\n', changed: true, fixes, skipped: [] };
}

describe('renderPullRequest', () => {
  it('keeps hostile resource and container names inert in every section, and shows them exactly as written', () => {
    const hostile = fix('@admin-#1|<script>', 'x`|`[a](http://e.example)', 'insecure-value');
    const pr = renderPullRequest([file('deploy/@team|x.yaml', [hostile])], { lookup });
    const html = renderHtml(pr.body);
    // Outside code (where GitHub renders nothing) no mention, reference, tag or link survives.
    expect(prose(html)).not.toMatch(/@admin|#1\b/);
    expect(html).not.toMatch(/<(?:script|b|img)\b|href="(?:http:|javascript)/);
    expect(html.match(/<a href="([^"]*)"/g)).toEqual(['<a href="https://www.cisecurity.org/benchmark/kubernetes"']);
    expect(pr.body).toContain(
      '```yaml\nignore:\n  - remediation: no-privilege-escalation\n    resource: "Deployment/@admin-#1|<script>"\n',
    );
    expect(pr.body).toContain(
      '| `deploy/@team\\|x.yaml` | `Deployment/@admin-#1\\|<script>` (ns shop) | ``containers/x`\\|`[a](http://e.example)`` |',
    );
    // What a reviewer reads and copies is the name as the manifest spells it.
    expect(codeTexts(html)).toEqual(
      expect.arrayContaining([
        'deploy/@team|x.yaml',
        'Deployment/@admin-#1|<script>',
        'containers/x`|`[a](http://e.example)',
      ]),
    );
    // Every table row has exactly the header's number of unescaped cell separators.
    const row = pr.body.split('\n').find((l) => l.startsWith('| `deploy/'));
    expect(row?.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    expect(pr.body).toContain('| evil | \\[x\\](javascript:alert(1)) | \\<b\\>t\\</b\\> |');
    expect(pr.body).toContain(
      '| CIS Kubernetes Benchmark | [5.2.6](https://www.cisecurity.org/benchmark/kubernetes) | Minimize allowPrivilegeEscalation |',
    );
    expect(pr.body).toContain('1 place set an insecure value explicitly');
  });

  it('renders no HTML entity, no backslash and no invisible character where a reviewer reads or copies', () => {
    const digest = 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    const skipped = {
      remediation: 'run-as-non-root',
      resource: { kind: 'Deployment', name: 'web "blue"' },
      container: { type: 'containers' as const, name: 'app', index: 0 },
      code: 'image-user' as const,
      reason: `image \`${digest}\` runs as root; set \`runAsUser\` or use "nginxinc/nginx-unprivileged"`,
      sources: [],
    };
    const withSkip: FileResult = { ...file('a.yaml', [fix('web "blue"', 'app')]), skipped: [skipped] };
    const pr = renderPullRequest([withSkip], {
      lookup: lookupFrom([
        {
          id: 'no-privilege-escalation',
          title: 'Forbid "privilege" escalation',
          rationale: 'Set `allowPrivilegeEscalation: false` so setuid binaries cannot gain privileges.',
          risk: 'Images that `sudo` at start fail.',
        },
      ]),
    });
    const html = renderHtml(pr.body);
    const text = visibleText(html);
    expect(text).not.toMatch(/&(?:quot|amp|lt|gt|#\d+);/);
    expect(prose(html)).not.toMatch(/\\/);
    expect(text).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
    expect(pr.body).not.toMatch(/[\u200b-\u200d\u2060\ufeff]|&quot;|\\`/);
    expect(codeTexts(html)).toEqual(
      expect.arrayContaining([digest, 'runAsUser', 'allowPrivilegeEscalation: false', 'sudo']),
    );
    expect(text).toContain('Forbid "privilege" escalation');
    expect(text).toContain('Deployment/web "blue"');
  });

  it('titles one remediation by name and counts workloads, and lists every section in order', () => {
    const pr = renderPullRequest(
      [file('a.yaml', [fix('web', 'app'), fix('web', 'sidecar')]), file('b.yaml', [fix('api', 'api')])],
      { lookup },
    );
    expect(pr.title).toBe('kubemend: Forbid privilege escalation (2 workloads)');
    const headings = pr.body.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '## kubemend',
      '### What was wrong',
      '### Changes',
      '### Controls satisfied',
      '### Risks and what to test',
      '### How to ignore',
    ]);
    expect(pr.body).toContain(
      '<details>\n<summary>Diff (12 lines)</summary>\n\n```diff\ndiff --git a/a.yaml b/a.yaml\n',
    );
    expect(pr.body.endsWith(' -->')).toBe(true);
  });

  it("round-trips its metadata: remediations, counts and the hash of the fixes' sorted fingerprints", () => {
    const a = fix('web', 'app');
    const pr = renderPullRequest([file('a.yaml', [a, fix('web', 'sidecar')])], { lookup });
    const meta = parsePullRequestMeta(pr.body);
    expect(meta).toEqual(pr.meta);
    expect(pr.fingerprints).toEqual(
      [fingerprintFix(a, 'a.yaml'), fingerprintFix(fix('web', 'sidecar'), 'a.yaml')].sort(),
    );
    expect(meta).toEqual({
      v: 2,
      remediations: ['no-privilege-escalation'],
      fixes: 2,
      files: 1,
      set: fingerprintSetHash(pr.fingerprints),
    });
    expect(fingerprintSetHash([...pr.fingerprints].reverse())).toBe(meta?.set);
    expect(fingerprintFix(a, 'a.yaml')).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintFix(a, 'b.yaml')).not.toBe(fingerprintFix(a, 'a.yaml'));
    expect(fingerprintFix({ ...a, ops: [] }, 'a.yaml')).not.toBe(fingerprintFix(a, 'a.yaml'));
  });

  it('keeps the metadata comment closed and last whatever the file names hold', () => {
    const pr = renderPullRequest([file('x --> <!-- y.yaml', [fix('web', 'app')])], { lookup });
    const comment = pr.body.slice(pr.body.lastIndexOf('<!-- kubemend:meta'));
    expect(comment.indexOf('-->')).toBe(comment.length - 3);
    expect(pr.body.endsWith(comment)).toBe(true);
    expect(parsePullRequestMeta(pr.body)).toEqual(pr.meta);
  });

  it('cuts a diff that would exceed the body limit and says so', () => {
    const big: FileResult = {
      path: 'big.yaml',
      before: '',
      after: `${'x: 1\n'.repeat(20000)}`,
      changed: true,
      fixes: [fix('web', 'app')],
      skipped: [],
    };
    const pr = renderPullRequest([big], { lookup, maxLength: 20000 });
    expect(pr.body.length).toBeLessThanOrEqual(20000);
    expect(pr.body).toMatch(/The diff is cut at \d+ characters; the Files tab shows the whole change\./);
    expect(parsePullRequestMeta(pr.body)).toEqual(pr.meta);
  });
});

describe('large pull requests', () => {
  /** `n` fixes over files of 30 workloads each, every file with its real diff. */
  function manyFixes(n: number): FileResult[] {
    const files: FileResult[] = [];
    for (let i = 0; i < n; i += 30) {
      const fixes = Array.from({ length: Math.min(30, n - i) }, (_, j) => fix(`web-${i + j}`, 'app'));
      const before = fixes.map((f) => `---\nkind: Deployment\nmetadata:\n  name: ${f.resource.name}\n`).join('');
      files.push({
        ...file(`apps/team-${i / 30}/deployments.yaml`, fixes),
        before,
        after: before.replace(/name: (.*)\n/g, 'name: $1\n  allowPrivilegeEscalation: false\n'),
      });
    }
    return files;
  }

  it.each([2700, 6000])(
    "%i fixes: the body stays under GitHub's 65,536 characters and its metadata round-trips",
    (n) => {
      const files = manyFixes(n);
      const pr = renderPullRequest(files, { lookup });
      expect(pr.body.length).toBeLessThanOrEqual(60_000);
      expect(pr.body).toMatch(/\n\| … \| \d+ more changes: see the diff \| \| \| \|\n/);
      const meta = parsePullRequestMeta(pr.body);
      expect(meta).toEqual({
        v: 2,
        remediations: ['no-privilege-escalation'],
        fixes: n,
        files: files.length,
        set: fingerprintSetHash(files.flatMap((f) => f.fixes.map((x) => fingerprintFix(x, f.path)))),
      });
      expect(pr.fingerprints).toHaveLength(n);
      // The metadata no longer grows with the fixes.
      expect(pr.body.slice(pr.body.lastIndexOf('<!-- kubemend:meta')).length).toBeLessThan(200);
    },
  );
});

describe('parsePullRequestMeta', () => {
  it.each([
    ['no marker', 'just a body'],
    ['bad json', '<!-- kubemend:meta {oops} -->'],
    ['wrong shape', '<!-- kubemend:meta {"v":2,"remediations":[],"files":[],"fingerprints":[]} -->'],
    ['version 1', '<!-- kubemend:meta {"v":1,"remediations":[],"files":[],"fingerprints":["00000000000000aa"]} -->'],
    ['bad hash', '<!-- kubemend:meta {"v":2,"remediations":[],"fixes":1,"files":1,"set":"zz"} -->'],
  ])('returns undefined for %s', (_name, body) => {
    expect(parsePullRequestMeta(body)).toBeUndefined();
  });
});

describe('changes table order', () => {
  it('follows the diff: file, document, pod level, then containers by position', () => {
    const at = (name: string, type: 'containers' | 'initContainers', index: number): AppliedFix => ({
      ...fix('web', name),
      container: { type, name, index },
    });
    const podLevel: AppliedFix = { ...fix('web', 'x'), container: null };
    const pr = renderPullRequest(
      [
        file('b.yaml', [at('second', 'containers', 1)]),
        file('a.yaml', [
          at('second', 'containers', 1),
          at('first', 'containers', 0),
          at('init', 'initContainers', 0),
          podLevel,
        ]),
      ],
      { lookup },
    );
    const rows = pr.body
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => l.split(' | ').slice(0, 3).join(' | '));
    expect(rows).toEqual([
      '| `a.yaml` | Deployment/web (ns shop) | (pod)',
      '| `a.yaml` | Deployment/web (ns shop) | initContainers/init',
      '| `a.yaml` | Deployment/web (ns shop) | containers/first',
      '| `a.yaml` | Deployment/web (ns shop) | containers/second',
      '| `b.yaml` | Deployment/web (ns shop) | containers/second',
    ]);
  });
});
