/** The PR's per-workload review and the held-back fixes, as a reviewer reads them. */
import { describe, expect, it } from 'vitest';
import type { AppliedFix, FileResult } from '../../src/model.js';
import { skippedSection } from '../../src/report/pull-request-sections.js';
import { workloadReview } from '../../src/report/workload-review.js';

const fix = (over: Partial<AppliedFix>): AppliedFix => ({
  remediation: 'run-as-non-root',
  resource: { kind: 'Deployment', name: 'web', namespace: 'shop' },
  container: { type: 'containers', name: 'web', index: 0 },
  reason: 'unset',
  ops: [],
  doc: 0,
  behaviourChange: true,
  evidence: [],
  sources: [],
  ...over,
});

describe('workloadReview', () => {
  it('lists each behaviour-changing or evidenced fix under its workload, evidence escaped, code kept copyable', () => {
    const rows = [
      { path: 'apps/web.yaml', fix: fix({ evidence: ['image `ghcr.io/@team/web:1` user unknown: check its USER'] }) },
      { path: 'apps/web.yaml', fix: fix({ remediation: 'drop-capabilities' }) },
      { path: 'apps/web.yaml', fix: fix({ remediation: 'cpu-limits', behaviourChange: false }) },
    ];
    expect(workloadReview(rows, 10_000)).toBe(
      [
        '### Review per workload',
        '',
        "What each workload's fixes change at run time, and what kubemend could not check for you:",
        '',
        '- **Deployment/web** (ns shop) in `apps/web.yaml`',
        '  - `run-as-non-root` on containers/web: image `ghcr.io/@team/web:1` user unknown: check its USER',
        '  - `drop-capabilities` on containers/web: changes runtime behaviour: test it before merging',
      ].join('\n'),
    );
  });

  it('is empty when nothing changes behaviour, and cut with a count past its budget', () => {
    expect(workloadReview([{ path: 'a.yaml', fix: fix({ behaviourChange: false }) }], 1000)).toBe('');
    const many = Array.from({ length: 50 }, (_, i) => ({
      path: `w${i}.yaml`,
      fix: fix({ resource: { kind: 'Deployment', name: `w${i}` } }),
    }));
    const cut = workloadReview(many, 600);
    expect(cut.length).toBeLessThan(900);
    expect(cut).toMatch(/\n- … and \d+ more workloads: see the changes table$/);
  });
});

describe('skippedSection', () => {
  it('shows the code, the kept line and its comment, the source link and the opt-in entry', () => {
    const file: FileResult = {
      path: 'apps/api.yaml',
      before: '',
      after: '',
      changed: false,
      fixes: [],
      skipped: [
        {
          remediation: 'no-privilege-escalation',
          resource: { kind: 'Deployment', name: 'api' },
          container: { type: 'containers', name: 'api', index: 0 },
          code: 'explicit-value',
          reason: '`allowPrivilegeEscalation: true` is set explicitly: someone chose it, so kubemend keeps it',
          line: 43,
          comment: 'TODO(platform): why? @alice',
          optIn: 'optIn: [{remediation: no-privilege-escalation, resource: "Deployment/api", allow: [explicit-value]}]',
          doc: 0,
          sources: [],
        },
        {
          remediation: 'run-as-non-root',
          resource: { kind: 'StatefulSet', name: 'queue' },
          container: { type: 'containers', name: 'redis', index: 0 },
          code: 'image-user',
          reason: 'image `redis:7` runs as root.',
          source: 'https://github.com/docker-library/repo-info/blob/master/repos/redis/remote/7.2-bookworm.md',
          doc: 0,
          sources: [],
        },
      ],
    };
    expect(skippedSection([file], 10_000).split('\n').slice(2)).toEqual([
      '- `apps/api.yaml` Deployment/api containers/api: `no-privilege-escalation` `explicit-value`, `allowPrivilegeEscalation: true` is set explicitly: someone chose it, so kubemend keeps it (line 43, beside the comment `# TODO(platform): why? @alice`). To apply it anyway, add `optIn: [{remediation: no-privilege-escalation, resource: "Deployment/api", allow: [explicit-value]}]` to the config.',
      '- `apps/api.yaml` StatefulSet/queue containers/redis: `run-as-non-root` `image-user`, image `redis:7` runs as root ([source](https://github.com/docker-library/repo-info/blob/master/repos/redis/remote/7.2-bookworm.md)).',
    ]);
  });
});
