/** The PR body the App and `--git` share: sections, escaping of hostile names, metadata round trip. */
import { describe, expect, it } from 'vitest';
import type { AppliedFix, FileResult } from '../../src/model.js';
import { lookupFrom } from '../../src/report/remediation-info.js';
import { fingerprintFix, parsePullRequestMeta, renderPullRequest } from '../../src/report/render-pull-request.js';

const lookup = lookupFrom([
  {
    id: 'no-privilege-escalation',
    title: 'Forbid privilege escalation',
    severity: 'high',
    rationale: 'setuid binaries can gain privileges.',
    risk: 'sudo stops working.',
    controls: [
      { framework: 'cis-kubernetes', id: '5.2.6', title: 'Minimize allowPrivilegeEscalation', url: 'https://www.cisecurity.org/benchmark/kubernetes' },
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
    ops: [{ op: 'add', path: '/spec/template/spec/containers/0/securityContext', value: { allowPrivilegeEscalation: false } }],
    doc: 0,
    behaviourChange: false,
    sources: [{ tool: 'kubescape', ruleId: 'C-0016' }],
  };
}

function file(path: string, fixes: AppliedFix[]): FileResult {
  return { path, before: 'a: 1\n', after: 'a: 1\nb: 2\n', changed: true, fixes, skipped: [] };
}

describe('renderPullRequest', () => {
  it('escapes hostile resource and container names in every section', () => {
    const hostile = fix('@admin-#1|<script>', 'x`|`[a](http://e.example)', 'insecure-value');
    const pr = renderPullRequest([file('deploy/@team|x.yaml', [hostile])], { lookup });
    // Outside fenced code blocks (where GitHub renders nothing) no mention, reference, tag or link survives.
    const prose = pr.body.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
    expect(prose).not.toMatch(/@admin|#1\b|<script>|<b>|\]\((?:http:|javascript)/);
    expect(pr.body).toContain('```yaml\nignore:\n  - remediation: no-privilege-escalation\n    resource: "Deployment/@admin-#1|<script>"\n');
    expect(pr.body).toContain('| `deploy/@team\\|x.yaml` | Deployment/@\u200dadmin-#\u200d1\\|&lt;script&gt; (ns shop) | containers/x\\`\\|\\`\\[a\\]\\(http:\u200d//e.example\\) |');
    // Every table row has exactly the header's number of unescaped cell separators.
    const row = pr.body.split('\n').find((l) => l.startsWith('| `deploy/'));
    expect(row?.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    expect(pr.body).toContain('| evil | \\[x\\]\\(javascript:alert\\(1\\)\\) | &lt;b&gt;t&lt;/b&gt; |');
    expect(pr.body).toContain('| CIS Kubernetes Benchmark | [5.2.6](https://www.cisecurity.org/benchmark/kubernetes) | Minimize allowPrivilegeEscalation |');
    expect(pr.body).toContain('1 place set an insecure value explicitly');
  });

  it('titles one remediation by name and counts workloads, and lists every section in order', () => {
    const pr = renderPullRequest([file('a.yaml', [fix('web', 'app'), fix('web', 'sidecar')]), file('b.yaml', [fix('api', 'api')])], { lookup });
    expect(pr.title).toBe('kubemend: Forbid privilege escalation (2 workloads)');
    const headings = pr.body.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual(['## kubemend', '### What was wrong', '### Changes', '### Controls satisfied', '### Risks and what to test', '### How to ignore']);
    expect(pr.body).toContain('<details>\n<summary>Diff (12 lines)</summary>\n\n```diff\ndiff --git a/a.yaml b/a.yaml\n');
    expect(pr.body.endsWith(' -->')).toBe(true);
  });

  it('round-trips its metadata, with sorted fingerprints that depend on file, resource, container and ops', () => {
    const a = fix('web', 'app');
    const pr = renderPullRequest([file('a.yaml', [a, fix('web', 'sidecar')])], { lookup });
    const meta = parsePullRequestMeta(pr.body);
    expect(meta).toEqual(pr.meta);
    expect(meta?.fingerprints).toEqual([fingerprintFix(a, 'a.yaml'), fingerprintFix(fix('web', 'sidecar'), 'a.yaml')].sort());
    expect(fingerprintFix(a, 'a.yaml')).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintFix(a, 'b.yaml')).not.toBe(fingerprintFix(a, 'a.yaml'));
    expect(fingerprintFix({ ...a, ops: [] }, 'a.yaml')).not.toBe(fingerprintFix(a, 'a.yaml'));
  });

  it('keeps the metadata comment closed whatever the file names hold', () => {
    const pr = renderPullRequest([file('x --> <!-- y.yaml', [fix('web', 'app')])], { lookup });
    const comment = pr.body.slice(pr.body.lastIndexOf('<!-- kubemend:meta'));
    expect(comment.indexOf('-->')).toBe(comment.length - 3);
    expect(parsePullRequestMeta(pr.body)?.files).toEqual(['x --> <!-- y.yaml']);
  });

  it('cuts a diff that would exceed the body limit and says so', () => {
    const big: FileResult = { path: 'big.yaml', before: '', after: `${'x: 1\n'.repeat(20000)}`, changed: true, fixes: [fix('web', 'app')], skipped: [] };
    const pr = renderPullRequest([big], { lookup, maxLength: 20000 });
    expect(pr.body.length).toBeLessThanOrEqual(20000);
    expect(pr.body).toMatch(/The diff is cut at \d+ characters; the Files tab shows the whole change\./);
    expect(parsePullRequestMeta(pr.body)).toEqual(pr.meta);
  });
});

describe('large pull requests', () => {
  it('stay under the body limit: the changes table is cut with a count, the metadata stays whole', () => {
    const fixes = Array.from({ length: 2000 }, (_, i) => fix(`web-${i}`, 'app'));
    const pr = renderPullRequest([file('many.yaml', fixes)], { lookup });
    expect(pr.body.length).toBeLessThanOrEqual(60000);
    expect(pr.body).toMatch(/\n\| … \| \d+ more changes: see the diff \| \| \| \|\n/);
    expect(parsePullRequestMeta(pr.body)?.fingerprints).toHaveLength(2000);
  });
});

describe('parsePullRequestMeta', () => {
  it.each([
    ['no marker', 'just a body'],
    ['bad json', '<!-- kubemend:meta {oops} -->'],
    ['wrong shape', '<!-- kubemend:meta {"v":2,"remediations":[],"files":[],"fingerprints":[]} -->'],
    ['bad fingerprint', '<!-- kubemend:meta {"v":1,"remediations":[],"files":[],"fingerprints":["zz"]} -->'],
  ])('returns undefined for %s', (_name, body) => {
    expect(parsePullRequestMeta(body)).toBeUndefined();
  });
});

describe('changes table order', () => {
  it('follows the diff: file, document, pod level, then containers by position', () => {
    const at = (name: string, type: 'containers' | 'initContainers', index: number): AppliedFix => ({ ...fix('web', name), container: { type, name, index } });
    const podLevel: AppliedFix = { ...fix('web', 'x'), container: null };
    const pr = renderPullRequest([file('b.yaml', [at('second', 'containers', 1)]), file('a.yaml', [at('second', 'containers', 1), at('first', 'containers', 0), at('init', 'initContainers', 0), podLevel])], { lookup });
    const rows = pr.body.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split(' | ').slice(0, 3).join(' | '));
    expect(rows).toEqual([
      '| `a.yaml` | Deployment/web (ns shop) | \\(pod\\)',
      '| `a.yaml` | Deployment/web (ns shop) | initContainers/init',
      '| `a.yaml` | Deployment/web (ns shop) | containers/first',
      '| `a.yaml` | Deployment/web (ns shop) | containers/second',
      '| `b.yaml` | Deployment/web (ns shop) | containers/second',
    ]);
  });
});
