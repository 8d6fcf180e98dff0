import { describe, expect, test } from 'vitest';
import { checkRemediationConfig, detect, effectiveSeverity } from '../../src/remediations/index.js';
import { catalog, config, dedent, detectAll, workloadsOf, yamlValue } from './helpers.js';

const doc = (annotations: string, where: 'object' | 'template' = 'object'): unknown =>
  yamlValue(
    dedent(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: legacy-api, namespace: payments${where === 'object' ? `, annotations: ${annotations}` : ''}}
      spec:
        template:
          metadata: {labels: {app: x}${where === 'template' ? `, annotations: ${annotations}` : ''}}
          spec:
            containers:
            - {name: a, image: "x:1"}
    `),
  );

describe('kubemend.io/ignore annotation', () => {
  test.each(['object', 'template'] as const)(
    'on the %s metadata: listed ids are skipped with the reason, others fixed',
    (where) => {
      const vs = detectAll(doc('{kubemend.io/ignore: "run-as-non-root, cpu-limits"}', where), {
        only: ['run-as-non-root', 'cpu-limits', 'memory-limits'],
      });
      const place = where === 'object' ? 'object metadata' : 'pod template metadata';
      expect(vs.map((v) => [v.remediation, v.ops.length, v.skip?.reason ?? null])).toEqual([
        ['cpu-limits', 0, `exempted by annotation kubemend.io/ignore: "run-as-non-root, cpu-limits" on the ${place}`],
        ['memory-limits', 1, null],
        [
          'run-as-non-root',
          0,
          `exempted by annotation kubemend.io/ignore: "run-as-non-root, cpu-limits" on the ${place}`,
        ],
      ]);
    },
  );

  test('"all" exempts every remediation; compliant checks still yield nothing', () => {
    const vs = detectAll(doc('{kubemend.io/ignore: all}'));
    expect(vs.length).toBeGreaterThan(5);
    expect(
      vs.every(
        (v) =>
          v.ops.length === 0 &&
          v.skip?.reason === 'exempted by annotation kubemend.io/ignore: "all" on the object metadata',
      ),
    ).toBe(true);
  });
});

describe('config ignore list', () => {
  const plain = doc('{team: a}');
  test.each([
    [
      { remediation: 'run-as-non-root', resource: 'Deployment/legacy-*', reason: 'vendor image runs as root' },
      'exempted by config ignore[0]: vendor image runs as root',
    ],
    [{ path: 'manifests/**', remediation: 'run-as-non-root' }, 'exempted by config ignore[0]'],
    [{ namespace: 'pay*', remediation: 'run-as-non-root' }, 'exempted by config ignore[0]'],
  ])('%o matches', (rule, reason) => {
    const vs = detectAll(plain, { only: ['run-as-non-root'], cfg: config({ ignore: [rule] }) });
    expect(vs.map((v) => [v.ops, v.skip?.reason])).toEqual([[[], reason]]);
  });

  test.each([
    [{ remediation: 'run-as-non-root', resource: 'StatefulSet/*' }],
    [{ remediation: 'cpu-limits' }],
    [{ path: 'other/**' }],
    [{ namespace: 'kube-*' }],
  ])('%o does not match', (rule) => {
    const vs = detectAll(plain, { only: ['run-as-non-root'], cfg: config({ ignore: [rule] }) });
    expect(vs.map((v) => v.skip?.reason)).toEqual([undefined]);
  });

  test('a namespace rule never matches a manifest without a namespace', () => {
    const noNs = yamlValue('kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "x:1"}]}\n');
    const vs = detectAll(noNs, { only: ['run-as-non-root'], cfg: config({ ignore: [{ namespace: '*' }] }) });
    expect(vs.map((v) => v.skip?.reason)).toEqual([undefined]);
  });
});

describe('config: enabled, disabled, only, skip, options', () => {
  const w = workloadsOf(doc('{}'))[0];
  const ids = (cfg = config(), opts = {}) => [
    ...new Set(w ? detect(w, catalog(), cfg, opts).map((v) => v.remediation) : []),
  ];

  test('enabled list, disabled list, only and skip filter remediations', () => {
    expect(ids(config({ remediations: { enabled: ['cpu-limits', 'memory-limits'] } }))).toEqual([
      'cpu-limits',
      'memory-limits',
    ]);
    expect(ids(config({ remediations: { disabled: ['cpu-limits'] } })).includes('cpu-limits')).toBe(false);
    expect(ids(config(), { only: ['run-as-non-root', 'cpu-limits'], skip: ['cpu-limits'] })).toEqual([
      'run-as-non-root',
    ]);
  });

  test('invalid options are reported naming the remediation and option', () => {
    const cfg = config({
      remediations: {
        options: {
          'memory-limits': { memory: { default: 'lots' } },
          'run-as-non-root': { runAsUser: 0, uid: 5 },
          'no-such-thing': {},
        },
        severity: { 'also-missing': 'low' },
        enabled: ['cpu-limits', 'cpu-limit'],
        disabled: ['no-privileged', 'no-privilege'],
      },
      ignore: [{ remediation: 'all' }, { remediation: 'run-as-nonroot' }],
    });
    expect(checkRemediationConfig(catalog().byId, cfg).map((d) => `${d.code}: ${d.message}`)).toEqual([
      'remediation-unknown: remediations.options.no-such-thing: no remediation with id "no-such-thing"',
      'remediation-unknown: remediations.severity.also-missing: no remediation with id "also-missing"',
      'remediation-unknown: remediations.enabled[1]: no remediation with id "cpu-limit"',
      'remediation-unknown: remediations.disabled[1]: no remediation with id "no-privilege"',
      'remediation-unknown: ignore[1].remediation: no remediation with id "run-as-nonroot"',
      'remediation-options-invalid: remediations.options.memory-limits.memory.default: not a Kubernetes quantity (e.g. 500m, 512Mi)',
      'remediation-options-invalid: remediations.options.run-as-non-root.runAsUser: Too small: expected number to be >=1',
      'remediation-options-invalid: remediations.options.run-as-non-root: Unrecognized key: "uid" (uid; known: runAsUser)',
    ]);
    const badOptions = config({ remediations: { options: { 'memory-limits': { memory: { default: 'lots' } } } } });
    expect(() => w && detect(w, catalog(), badOptions, { only: ['memory-limits'] })).toThrow(
      /remediations\.options\.memory-limits\.memory\.default: not a Kubernetes quantity/,
    );
  });

  test('valid options pass the check', () => {
    const cfg = config({
      remediations: {
        options: { 'cpu-limits': { cpu: { default: 2, namespaces: { prod: '4' } } } },
        severity: { 'cpu-limits': 'high' },
      },
    });
    expect(checkRemediationConfig(catalog().byId, cfg)).toEqual([]);
  });
});

test('severity overrides from config', () => {
  const rem = catalog().byId.get('image-tag-pinned');
  expect(
    rem && [
      effectiveSeverity(rem, config()),
      effectiveSeverity(rem, config({ remediations: { severity: { 'image-tag-pinned': 'high' } } })),
    ],
  ).toEqual(['low', 'high']);
});

describe("scanners' own suppression annotations", () => {
  test('checkov.io/skipN and bridgecrew.io/skipN exempt the remediation the check id aliases, nothing else', () => {
    const vs = detectAll(
      doc('{checkov.io/skip1: "CKV_K8S_20=needs setuid", bridgecrew.io/skip2: "CKV_K8S_11=no CPU limits here"}'),
      {
        only: ['no-privilege-escalation', 'cpu-limits', 'memory-limits'],
      },
    );
    expect(vs.map((v) => [v.remediation, v.ops.length, v.skip?.reason ?? null])).toEqual([
      [
        'cpu-limits',
        0,
        'exempted by annotation bridgecrew.io/skip2: "CKV_K8S_11=no CPU limits here" on the object metadata',
      ],
      ['memory-limits', 1, null],
      [
        'no-privilege-escalation',
        0,
        'exempted by annotation checkov.io/skip1: "CKV_K8S_20=needs setuid" on the object metadata',
      ],
    ]);
  });

  test('kube-score/ignore on the pod template exempts the aliased remediation', () => {
    const vs = detectAll(
      doc('{kube-score/ignore: "container-security-context-readonlyrootfilesystem,container-image-tag"}', 'template'),
      {
        only: ['read-only-root-filesystem', 'run-as-non-root'],
      },
    );
    expect(vs.map((v) => [v.remediation, v.ops.length, v.skip?.reason ?? null])).toEqual([
      [
        'read-only-root-filesystem',
        0,
        'exempted by annotation kube-score/ignore: "container-security-context-readonlyrootfilesystem,container-image-tag" on the pod template metadata',
      ],
      ['run-as-non-root', 1, null],
    ]);
  });
});

describe('mirror pods of static pods', () => {
  test('a pod with kubernetes.io/config.mirror or a Node owner is reported, never patched', () => {
    const pod = (meta: string): unknown =>
      yamlValue(
        `apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver-node1, namespace: kube-system, ${meta}}\nspec:\n  hostNetwork: true\n  containers:\n  - {name: kube-apiserver, image: "registry.k8s.io/kube-apiserver:v1.31.0"}\n`,
      );
    for (const meta of [
      'annotations: {kubernetes.io/config.mirror: abc}',
      'ownerReferences: [{apiVersion: v1, kind: Node, name: node1, uid: u}]',
    ]) {
      const vs = detectAll(pod(meta), { only: ['no-host-namespaces', 'run-as-non-root'] });
      expect(vs.map((v) => v.remediation)).toEqual(['no-host-namespaces', 'run-as-non-root']);
      expect(
        vs.every((v) => v.ops.length === 0 && /^a mirror pod of a kubelet static pod/.test(v.skip?.reason ?? '')),
      ).toBe(true);
    }
  });
});
