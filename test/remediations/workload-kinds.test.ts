import { describe, expect, test } from 'vitest';
import { applyOps, config, dedent, detectAll, fixAll, yamlValue } from './helpers.js';

const container = '{name: app, image: "nginx:1.27"}';

/** Every kind findWorkloads covers, with the pointer its PodSpec must have. */
const kinds: Array<[string, string, string]> = [
  ['Pod', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [${container}]\n`, '/spec'],
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].map((kind): [string, string, string] => [
    kind,
    `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers: [${container}]\n`,
    '/spec/template/spec',
  ]),
  [
    'ReplicationController',
    `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    spec:\n      containers: [${container}]\n`,
    '/spec/template/spec',
  ],
  [
    'CronJob',
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [${container}]\n`,
    '/spec/jobTemplate/spec/template/spec',
  ],
  [
    'Rollout',
    `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers: [${container}]\n`,
    '/spec/template/spec',
  ],
  [
    'List',
    `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: cm}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: d}\n  spec:\n    template:\n      spec:\n        containers: [${container}]\n`,
    '/items/1/spec/template/spec',
  ],
];

describe('every workload kind', () => {
  test.each(kinds)('%s: ops point into the pod template and fix it', (_kind, yaml, podSpec) => {
    const before = yamlValue(yaml);
    const vs = detectAll(before, { only: ['run-as-non-root', 'no-automount-service-account-token'] });
    expect(vs.map((v) => v.ops)).toEqual([
      [{ op: 'add', path: `${podSpec}/automountServiceAccountToken`, value: false }],
      [{ op: 'add', path: `${podSpec}/containers/0/securityContext`, value: { runAsNonRoot: true } }],
    ]);
    const after = vs.reduce<unknown>((doc, v) => applyOps(doc, v.ops), before);
    expect(detectAll(after, { only: ['run-as-non-root', 'no-automount-service-account-token'] })).toEqual([]);
  });
});

describe('all remediations together (the pipeline contract)', () => {
  const insecure = dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api, namespace: prod}
    spec:
      template:
        spec:
          hostPID: true
          initContainers:
          - {name: migrate, image: "api:2"}
          containers:
          - name: api
            image: "api:2"
            securityContext: {capabilities: {add: [SYS_ADMIN]}}
          - {name: sidecar, image: "envoy:1"}
  `);

  test('each violation is valid alone against the original document', () => {
    const before = yamlValue(insecure);
    for (const v of detectAll(before)) expect(() => applyOps(before, v.ops)).not.toThrow();
  });

  test('apply, re-detect the refused ones, apply again: converges in 2 rounds to the exact document', () => {
    const { value, rounds } = fixAll(yamlValue(insecure));
    expect(rounds).toBe(2);
    const secure = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
    const resources = (cpu: string) => ({
      limits: { cpu: '500m', memory: '512Mi' },
      requests: { cpu, memory: '128Mi' },
    });
    expect(value).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'prod' },
      spec: {
        template: {
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            initContainers: [
              { name: 'migrate', image: 'api:2', securityContext: secure, resources: resources('100m') },
            ],
            containers: [
              {
                name: 'api',
                image: 'api:2',
                securityContext: { ...secure, capabilities: { drop: ['ALL'] } },
                resources: resources('100m'),
              },
              { name: 'sidecar', image: 'envoy:1', securityContext: secure, resources: resources('100m') },
            ],
          },
        },
      },
    });
    expect(detectAll(value)).toEqual([]);
  });
});

describe('compliant input', () => {
  test('a hardened Deployment yields no violation at all', () => {
    const hardened = dedent(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: ok}
      spec:
        template:
          spec:
            automountServiceAccountToken: false
            securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
            containers:
            - name: app
              image: "app:1.0"
              securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}
              resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 1, memory: 1Gi}}
    `);
    expect(detectAll(yamlValue(hardened), { cfg: config() })).toEqual([]);
  });
});
