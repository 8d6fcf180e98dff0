import { describe, expect, test } from 'vitest';
import type { Violation } from '../../src/model.js';
import { applyOps, config, dedent, defaultsConfig, detectAll, yamlValue } from './helpers.js';

/** Detects one remediation, applies each violation's ops alone, in order, and returns the result. */
function fix(yaml: string, id: string, cfg = config()): { violations: Violation[]; after: unknown } {
  const before = yamlValue(dedent(yaml));
  const violations = detectAll(before, { only: [id], cfg });
  const after = violations.reduce<unknown>((doc, v) => applyOps(doc, v.ops), before);
  return { violations, after };
}

/** Fixes, compares with the expected document, and checks a re-detection finds nothing fixable. */
function expectFix(yaml: string, id: string, expected: string, cfg = config()): Violation[] {
  const { violations, after } = fix(yaml, id, cfg);
  expect(after).toEqual(yamlValue(dedent(expected)));
  expect(detectAll(after, { only: [id], cfg }).filter((v) => v.ops.length > 0)).toEqual([]);
  return violations;
}

const deployment = (podSpec: string): string =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    ...podSpec.split('\n').map((l) => `      ${l}`),
    '',
  ].join('\n');

describe('run-as-non-root', () => {
  test('one container without securityContext: one add of the whole securityContext', () => {
    const vs = expectFix(
      deployment('containers:\n- {name: app, image: "nginx:1"}'),
      'run-as-non-root',
      deployment('containers:\n- {name: app, image: "nginx:1", securityContext: {runAsNonRoot: true}}'),
    );
    expect(vs.map((v) => [v.container?.name, v.reason, v.ops])).toEqual([
      [
        'app',
        'unset',
        [{ op: 'add', path: '/spec/template/spec/containers/0/securityContext', value: { runAsNonRoot: true } }],
      ],
    ]);
  });

  test('existing securityContext: adds the leaf only', () => {
    const { violations } = fix(
      deployment('containers:\n- {name: app, image: x, securityContext: {readOnlyRootFilesystem: true}}'),
      'run-as-non-root',
    );
    expect(violations[0]?.ops).toEqual([
      { op: 'add', path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot', value: true },
    ]);
  });

  test('two containers and an init container inheriting: one pod-level edit', () => {
    const vs = expectFix(
      deployment(
        'initContainers:\n- {name: init, image: x}\ncontainers:\n- {name: a, image: x}\n- {name: b, image: x}',
      ),
      'run-as-non-root',
      deployment(
        'securityContext: {runAsNonRoot: true}\ninitContainers:\n- {name: init, image: x}\ncontainers:\n- {name: a, image: x}\n- {name: b, image: x}',
      ),
    );
    expect(vs).toHaveLength(1);
    expect(vs[0]?.container).toBe(null);
    expect(vs[0]?.message).toBe(
      'fixed at pod level for 3 container(s): containers[0] "a": securityContext.runAsNonRoot is unset; containers[1] "b": securityContext.runAsNonRoot is unset; initContainers[0] "init": securityContext.runAsNonRoot is unset',
    );
  });

  test('pod-level false is replaced (insecure value) when no container overrides it', () => {
    const vs = expectFix(
      deployment('securityContext: {runAsNonRoot: false}\ncontainers:\n- {name: a, image: x}'),
      'run-as-non-root',
      deployment('securityContext: {runAsNonRoot: true}\ncontainers:\n- {name: a, image: x}'),
    );
    expect(vs.map((v) => [v.reason, v.ops])).toEqual([
      ['insecure-value', [{ op: 'replace', path: '/spec/template/spec/securityContext/runAsNonRoot', value: true }]],
    ]);
  });

  test('container false overrides a compliant pod: fixed on the container', () => {
    expectFix(
      deployment(
        'securityContext: {runAsNonRoot: true}\ncontainers:\n- {name: a, image: x, securityContext: {runAsNonRoot: false}}\n- {name: b, image: x}',
      ),
      'run-as-non-root',
      deployment(
        'securityContext: {runAsNonRoot: true}\ncontainers:\n- {name: a, image: x, securityContext: {runAsNonRoot: true}}\n- {name: b, image: x}',
      ),
    );
  });

  test('effective runAsUser 0 (from the pod) is never auto-fixed; the other container is fixed at container level', () => {
    const { violations } = fix(
      deployment(
        'securityContext: {runAsUser: 0}\ncontainers:\n- {name: a, image: x}\n- {name: b, image: x, securityContext: {runAsUser: 1000}}',
      ),
      'run-as-non-root',
    );
    expect(violations.map((v) => [v.container?.name, v.ops.length, v.skip?.reason])).toEqual([
      [
        'a',
        0,
        'the container runs as UID 0 explicitly; runAsNonRoot would stop it from starting (needs a human) (pod-level securityContext.runAsUser: 0)',
      ],
      ['b', 1, undefined],
    ]);
    expect(violations[1]?.ops).toEqual([
      { op: 'add', path: '/spec/template/spec/containers/1/securityContext/runAsNonRoot', value: true },
    ]);
  });

  test('a container-level runAsUser 0 is reported even when the pod says runAsNonRoot false', () => {
    const { violations } = fix(
      deployment(
        'securityContext: {runAsNonRoot: false}\ncontainers:\n- {name: a, image: x, securityContext: {runAsUser: 0}}',
      ),
      'run-as-non-root',
    );
    expect(violations.map((v) => [v.reason, v.ops, v.skip?.reason])).toEqual([
      [
        'insecure-value',
        [],
        'the container runs as UID 0 explicitly; runAsNonRoot would stop it from starting (needs a human) (container-level securityContext.runAsUser: 0)',
      ],
    ]);
  });

  test('option runAsUser also sets a UID at the chosen level (a container UID still overrides it)', () => {
    const cfg = config({ remediations: { options: { 'run-as-non-root': { runAsUser: 10001 } } } });
    expectFix(
      deployment('containers:\n- {name: a, image: x}\n- {name: b, image: x, securityContext: {runAsUser: 1000}}'),
      'run-as-non-root',
      deployment(
        'securityContext: {runAsNonRoot: true, runAsUser: 10001}\ncontainers:\n- {name: a, image: x}\n- {name: b, image: x, securityContext: {runAsUser: 1000}}',
      ),
      cfg,
    );
    expectFix(
      deployment('containers:\n- {name: a, image: x, securityContext: {runAsUser: 5}}'),
      'run-as-non-root',
      deployment('containers:\n- {name: a, image: x, securityContext: {runAsUser: 5, runAsNonRoot: true}}'),
      cfg,
    );
  });

  test('compliant through the pod: nothing', () => {
    expect(
      detectAll(yamlValue(deployment('securityContext: {runAsNonRoot: true}\ncontainers:\n- {name: a, image: x}')), {
        only: ['run-as-non-root'],
      }),
    ).toEqual([]);
  });
});

describe('no-privilege-escalation', () => {
  test('unset and true are fixed per container', () => {
    const vs = expectFix(
      deployment(
        'containers:\n- {name: a, image: x}\n- {name: b, image: x, securityContext: {allowPrivilegeEscalation: true}}',
      ),
      'no-privilege-escalation',
      deployment(
        'containers:\n- {name: a, image: x, securityContext: {allowPrivilegeEscalation: false}}\n- {name: b, image: x, securityContext: {allowPrivilegeEscalation: false}}',
      ),
    );
    expect(vs.map((v) => v.reason)).toEqual(['unset', 'insecure-value']);
  });

  test.each([
    ['privileged: true', '{privileged: true}', 'the container is privileged'],
    ['CAP_SYS_ADMIN added', '{capabilities: {add: [CAP_SYS_ADMIN]}}', 'the container adds CAP_SYS_ADMIN'],
    ['SYS_ADMIN added', '{capabilities: {add: [sys_admin]}}', 'the container adds CAP_SYS_ADMIN'],
  ])('%s: reported, never patched (the API server rejects the combination)', (_name, sc, reason) => {
    const { violations } = fix(
      deployment(`containers:\n- {name: a, image: x, securityContext: ${sc}}`),
      'no-privilege-escalation',
    );
    expect(violations).toHaveLength(1);
    expect(violations[0]?.ops).toEqual([]);
    expect(violations[0]?.skip?.reason?.startsWith(reason)).toBe(true);
  });
});

describe('drop-capabilities', () => {
  test('creates drop: [ALL], keeps NET_BIND_SERVICE in add, appends to an existing drop list', () => {
    expectFix(
      deployment(
        'containers:\n- {name: a, image: x, securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}}\n- {name: b, image: x, securityContext: {capabilities: {drop: [NET_RAW]}}}\n- {name: c, image: x, securityContext: {capabilities: {drop: [all]}}}',
      ),
      'drop-capabilities',
      deployment(
        'containers:\n- {name: a, image: x, securityContext: {capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}}}\n- {name: b, image: x, securityContext: {capabilities: {drop: [NET_RAW, ALL]}}}\n- {name: c, image: x, securityContext: {capabilities: {drop: [all]}}}',
      ),
    );
  });

  test('violations are flagged as behaviour changes', () => {
    const { violations } = fix(deployment('containers:\n- {name: a, image: x}'), 'drop-capabilities');
    expect(violations.map((v) => [v.behaviourChange, v.ops])).toEqual([
      [
        true,
        [
          {
            op: 'add',
            path: '/spec/template/spec/containers/0/securityContext',
            value: { capabilities: { drop: ['ALL'] } },
          },
        ],
      ],
    ]);
  });
});

describe('no-dangerous-capabilities', () => {
  test('removes every listed capability (any case, CAP_ prefix), keeps the others', () => {
    const vs = expectFix(
      deployment(
        'containers:\n- {name: a, image: x, securityContext: {capabilities: {add: [NET_ADMIN, NET_BIND_SERVICE, CAP_SYS_ADMIN, sys_ptrace]}}}',
      ),
      'no-dangerous-capabilities',
      deployment('containers:\n- {name: a, image: x, securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}}'),
    );
    expect(vs[0]?.ops.map((o) => o.path)).toEqual(
      [3, 2, 0].map((i) => `/spec/template/spec/containers/0/securityContext/capabilities/add/${i}`),
    );
    expect(vs[0]?.behaviourChange).toBe(true);
  });

  test('the list is an option', () => {
    const cfg = config({ remediations: { options: { 'no-dangerous-capabilities': { capabilities: ['CHOWN'] } } } });
    expectFix(
      deployment('containers:\n- {name: a, image: x, securityContext: {capabilities: {add: [SYS_ADMIN, CHOWN]}}}'),
      'no-dangerous-capabilities',
      deployment('containers:\n- {name: a, image: x, securityContext: {capabilities: {add: [SYS_ADMIN]}}}'),
      cfg,
    );
  });
});

describe('no-privileged and read-only-root-filesystem', () => {
  test('privileged true → false (insecure value, behaviour change); unset is compliant', () => {
    const vs = expectFix(
      deployment('containers:\n- {name: a, image: x, securityContext: {privileged: true}}\n- {name: b, image: x}'),
      'no-privileged',
      deployment('containers:\n- {name: a, image: x, securityContext: {privileged: false}}\n- {name: b, image: x}'),
    );
    expect(vs.map((v) => [v.container?.name, v.reason, v.behaviourChange])).toEqual([['a', 'insecure-value', true]]);
  });

  test('readOnlyRootFilesystem set on containers and init containers', () => {
    expectFix(
      deployment(
        'initContainers:\n- {name: i, image: x, securityContext: {readOnlyRootFilesystem: false}}\ncontainers:\n- {name: a, image: x}',
      ),
      'read-only-root-filesystem',
      deployment(
        'initContainers:\n- {name: i, image: x, securityContext: {readOnlyRootFilesystem: true}}\ncontainers:\n- {name: a, image: x, securityContext: {readOnlyRootFilesystem: true}}',
      ),
    );
  });
});

describe('seccomp-runtime-default', () => {
  test('pod-level seccompProfile added once for every container', () => {
    const vs = expectFix(
      deployment('securityContext: {runAsNonRoot: true}\ncontainers:\n- {name: a, image: x}\n- {name: b, image: x}'),
      'seccomp-runtime-default',
      deployment(
        'securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\ncontainers:\n- {name: a, image: x}\n- {name: b, image: x}',
      ),
    );
    expect(vs.map((v) => [v.container, v.ops.length])).toEqual([[null, 1]]);
  });

  test('a container with its own Localhost or RuntimeDefault profile passes', () => {
    const doc = deployment(
      'containers:\n- {name: a, image: x, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}',
    );
    expect(detectAll(yamlValue(doc), { only: ['seccomp-runtime-default'] })).toEqual([]);
  });

  test('a container setting Unconfined keeps it (an explicit value); the others are fixed at pod level', () => {
    const { violations, after } = fix(
      deployment(
        'containers:\n- {name: a, image: x, securityContext: {seccompProfile: {type: Unconfined}}}\n- {name: b, image: x}',
      ),
      'seccomp-runtime-default',
      defaultsConfig(),
    );
    expect(
      violations.map((v) => [v.container?.name ?? null, v.ops.length, v.skip?.code ?? null, v.skip?.reason ?? null]),
    ).toEqual([
      ['a', 0, 'explicit-value', '`type: "Unconfined"` is set explicitly: someone chose it, so kubemend keeps it'],
      [null, 1, null, null],
    ]);
    expect(after).toEqual(
      yamlValue(
        deployment(
          'securityContext: {seccompProfile: {type: RuntimeDefault}}\ncontainers:\n- {name: a, image: x, securityContext: {seccompProfile: {type: Unconfined}}}\n- {name: b, image: x}',
        ),
      ),
    );
  });

  test('a pod-level Unconfined is kept for each container it governs, nothing is patched', () => {
    const { violations } = fix(
      deployment(
        'securityContext: {seccompProfile: {type: Unconfined}}\ncontainers:\n- {name: a, image: x}\n- {name: b, image: x, securityContext: {seccompProfile: {type: RuntimeDefault}}}',
      ),
      'seccomp-runtime-default',
      defaultsConfig(),
    );
    expect(violations.map((v) => [v.container?.name, v.reason, v.ops, v.skip?.code, v.skip?.pointer])).toEqual([
      ['a', 'insecure-value', [], 'explicit-value', '/spec/template/spec/securityContext/seccompProfile/type'],
    ]);
  });

  test('opted in (optIn allow explicit-value), Unconfined is replaced where it is set', () => {
    expectFix(
      deployment(
        'securityContext: {seccompProfile: {type: Unconfined}}\ncontainers:\n- {name: a, image: x, securityContext: {seccompProfile: {type: Unconfined}}}\n- {name: b, image: x}',
      ),
      'seccomp-runtime-default',
      deployment(
        'securityContext: {seccompProfile: {type: RuntimeDefault}}\ncontainers:\n- {name: a, image: x, securityContext: {seccompProfile: {type: RuntimeDefault}}}\n- {name: b, image: x}',
      ),
      defaultsConfig({
        optIn: [{ remediation: 'seccomp-runtime-default', resource: 'Deployment/*', allow: ['explicit-value'] }],
      }),
    );
  });
});

describe('resources', () => {
  test('by default a memory limit is the request × requestFactor (2); without a request nothing is invented', () => {
    const { violations } = fix(
      deployment('containers:\n- {name: a, image: x, resources: {requests: {memory: 300Mi}}}\n- {name: b, image: x}'),
      'memory-limits',
      defaultsConfig(),
    );
    expect(violations.map((v) => [v.container?.name, v.ops, v.skip?.code ?? null, v.evidence ?? null])).toEqual([
      ['b', [], 'needs-value', null],
      [
        'a',
        [{ op: 'add', path: '/spec/template/spec/containers/0/resources/limits', value: { memory: '600Mi' } }],
        null,
        ['resources.limits.memory 600Mi = 2 × resources.requests.memory 300Mi'],
      ],
    ]);
    expect(violations[0]?.skip?.reason).toBe(
      'no value to write: kubemend does not invent resource numbers; set remediations.options.memory-limits.memory (default, namespaces or workloads), or give the container resources.requests.memory',
    );
  });

  test('a configured rule wins over the request, and is never below it', () => {
    expectFix(
      deployment(
        'containers:\n- {name: a, image: x, resources: {requests: {memory: 300Mi}}}\n- {name: b, image: x, resources: {requests: {memory: 1Gi}}}',
      ),
      'memory-limits',
      deployment(
        'containers:\n- {name: a, image: x, resources: {requests: {memory: 300Mi}, limits: {memory: 512Mi}}}\n- {name: b, image: x, resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}}',
      ),
    );
  });

  test('cpu limit = request × 2 by default, a plain number stays a number; existing limits never overwritten', () => {
    expectFix(
      deployment(
        'containers:\n- {name: a, image: x, resources: {requests: {cpu: 2}}}\n- {name: b, image: x, resources: {limits: {cpu: 100m}}}\n- {name: c, image: x, resources: {requests: {cpu: 150m}}}',
      ),
      'cpu-limits',
      deployment(
        'containers:\n- {name: a, image: x, resources: {requests: {cpu: 2}, limits: {cpu: 4}}}\n- {name: b, image: x, resources: {limits: {cpu: 100m}}}\n- {name: c, image: x, resources: {requests: {cpu: 150m}, limits: {cpu: 300m}}}',
      ),
      defaultsConfig(),
    );
  });

  test('requestFactor is an option; null never derives a limit', () => {
    const cfg = defaultsConfig({ remediations: { options: { 'memory-limits': { requestFactor: 1.5 } } } });
    expectFix(
      deployment('containers:\n- {name: a, image: x, resources: {requests: {memory: 1Gi}}}'),
      'memory-limits',
      deployment('containers:\n- {name: a, image: x, resources: {requests: {memory: 1Gi}, limits: {memory: 1536Mi}}}'),
      cfg,
    );
    const off = defaultsConfig({ remediations: { options: { 'memory-limits': { requestFactor: null } } } });
    expect(
      fix(
        deployment('containers:\n- {name: a, image: x, resources: {requests: {memory: 1Gi}}}'),
        'memory-limits',
        off,
      ).violations.map((v) => v.skip?.code),
    ).toEqual(['needs-value']);
  });

  test('requests default to the limits (what Kubernetes itself uses); nothing without them', () => {
    const { violations } = fix(
      deployment(
        'containers:\n- {name: a, image: x, resources: {limits: {cpu: 1, memory: 1Gi}}}\n- {name: b, image: x}',
      ),
      'resource-requests',
      defaultsConfig(),
    );
    expect(violations.map((v) => [v.container?.name, v.ops, v.skip?.code ?? null])).toEqual([
      ['b', [], 'needs-value'],
      ['b', [], 'needs-value'],
      [
        'a',
        [{ op: 'add', path: '/spec/template/spec/containers/0/resources/requests', value: { cpu: 1, memory: '1Gi' } }],
        null,
      ],
    ]);
  });

  test('accelerator containers never get a default, nor a derived value: only a workload or namespace rule', () => {
    const gpu = deployment(
      'containers:\n- {name: train, image: x, resources: {requests: {memory: 8Gi}, limits: {nvidia.com/gpu: 1}}}',
    );
    const { violations } = fix(gpu, 'memory-limits');
    expect(violations.map((v) => [v.ops, v.skip?.code, v.skip?.reason])).toEqual([
      [
        [],
        'needs-value',
        'the container requests nvidia.com/gpu: kubemend never writes a default for accelerator workloads; set remediations.options.memory-limits.memory.workloads["Deployment/web"]',
      ],
    ]);
    const ruled = config({
      remediations: { options: { 'memory-limits': { memory: { workloads: { 'Deployment/web': '32Gi' } } } } },
    });
    expect(fix(gpu, 'memory-limits', ruled).violations.map((v) => v.ops)).toEqual([
      [{ op: 'add', path: '/spec/template/spec/containers/0/resources/limits/memory', value: '32Gi' }],
    ]);
  });

  test('per-workload glob beats per-namespace glob beats default', () => {
    const cfg = config({
      remediations: {
        options: {
          'memory-limits': {
            memory: { default: '256Mi', namespaces: { 'sh*': '1Gi' }, workloads: { 'Deployment/we*': '2Gi' } },
          },
        },
      },
    });
    expectFix(
      deployment('containers:\n- {name: a, image: x}'),
      'memory-limits',
      deployment('containers:\n- {name: a, image: x, resources: {limits: {memory: 2Gi}}}'),
      cfg,
    );
    const nsOnly = config({
      remediations: { options: { 'memory-limits': { memory: { default: '256Mi', namespaces: { 'sh*': '1Gi' } } } } },
    });
    expectFix(
      deployment('containers:\n- {name: a, image: x}'),
      'memory-limits',
      deployment('containers:\n- {name: a, image: x, resources: {limits: {memory: 1Gi}}}'),
      nsOnly,
    );
  });

  test('requests: both fields in one add, never above an existing limit', () => {
    const vs = expectFix(
      deployment(
        'containers:\n- {name: a, image: x}\n- {name: b, image: x, resources: {limits: {cpu: 50m, memory: 64Mi}}}',
      ),
      'resource-requests',
      deployment(
        'containers:\n- {name: a, image: x, resources: {requests: {cpu: 100m, memory: 128Mi}}}\n- {name: b, image: x, resources: {limits: {cpu: 50m, memory: 64Mi}, requests: {cpu: 50m, memory: 64Mi}}}',
      ),
    );
    expect(vs[0]?.ops).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/containers/0/resources',
        value: { requests: { cpu: '100m', memory: '128Mi' } },
      },
    ]);
  });
});

describe('pod-level remediations', () => {
  test('host namespaces: every true field removed in one violation, false is left alone', () => {
    const vs = expectFix(
      deployment('hostNetwork: true\nhostPID: true\nhostIPC: false\ncontainers:\n- {name: a, image: x}'),
      'no-host-namespaces',
      deployment('hostIPC: false\ncontainers:\n- {name: a, image: x}'),
    );
    expect(vs.map((v) => [v.container, v.reason, v.behaviourChange, v.message])).toEqual([
      [null, 'insecure-value', true, 'pod: hostNetwork is true; pod: hostPID is true'],
    ]);
  });

  test('automount: set false; a named service account is reported', () => {
    expectFix(
      deployment('serviceAccountName: default\ncontainers:\n- {name: a, image: x}'),
      'no-automount-service-account-token',
      deployment(
        'serviceAccountName: default\nautomountServiceAccountToken: false\ncontainers:\n- {name: a, image: x}',
      ),
    );
    const { violations } = fix(
      deployment('serviceAccountName: operator\ncontainers:\n- {name: a, image: x}'),
      'no-automount-service-account-token',
    );
    expect(violations.map((v) => [v.ops, v.skip?.reason])).toEqual([
      [
        [],
        'the pod names a non-default service account, which it probably uses to call the API (needs a human) (pod-level serviceAccountName: "operator")',
      ],
    ]);
  });

  test('hostPath: reported with guidance, no ops', () => {
    const { violations } = fix(
      deployment(
        'volumes:\n- {name: d, hostPath: {path: /var/run/docker.sock}}\n- {name: e, emptyDir: {}}\ncontainers:\n- {name: a, image: x}',
      ),
      'no-host-path',
    );
    expect(violations.map((v) => [v.container, v.ops, v.message])).toEqual([
      [null, [], 'pod: volumes[0].hostPath is {"path":"/var/run/docker.sock"}'],
    ]);
    expect(violations[0]?.skip?.reason?.startsWith('not patched automatically: Replace the hostPath volume')).toBe(
      true,
    );
  });

  test('hostPort: reported by default, removed with removeHostPort', () => {
    const doc = deployment(
      'containers:\n- name: a\n  image: x\n  ports: [{containerPort: 80, hostPort: 80}, {containerPort: 81}, {containerPort: 82, hostPort: 8082}]',
    );
    expect(fix(doc, 'no-host-port').violations.map((v) => v.ops)).toEqual([[]]);
    const cfg = config({ remediations: { options: { 'no-host-port': { removeHostPort: true } } } });
    expectFix(
      doc,
      'no-host-port',
      deployment(
        'containers:\n- name: a\n  image: x\n  ports: [{containerPort: 80}, {containerPort: 81}, {containerPort: 82}]',
      ),
      cfg,
    );
  });

  test.each([
    ['nginx', true],
    ['nginx:latest', true],
    ['localhost:5000/nginx', true],
    ['localhost:5000/nginx:1.27', false],
    ['nginx@sha256:0123456789abcdef', false],
    ['nginx:1.27', false],
  ])('image-tag-pinned: %s unpinned=%s (reported, never patched)', (image, unpinned) => {
    const { violations } = fix(deployment(`containers:\n- {name: a, image: "${image}"}`), 'image-tag-pinned');
    expect(violations.map((v) => v.ops.length)).toEqual(unpinned ? [0] : []);
  });

  test('image-tag-pinned with requireDigest: only a digest pins', () => {
    const cfg = config({ remediations: { options: { 'image-tag-pinned': { requireDigest: true } } } });
    const flagged = ['nginx:1.27', 'nginx@sha256:0123', 'registry:5000/app:2'].filter(
      (image) =>
        detectAll(yamlValue(deployment(`containers:\n- {name: a, image: "${image}"}`)), {
          only: ['image-tag-pinned'],
          cfg,
        }).length > 0,
    );
    expect(flagged).toEqual(['nginx:1.27', 'registry:5000/app:2']);
  });
});

describe('planning against what the document holds', () => {
  test('a null parent (`securityContext:` with nothing after it) is replaced, never added over', () => {
    const vs = expectFix(
      deployment('securityContext:\n  seccompProfile:\ncontainers:\n- name: a\n  image: x\n  securityContext:'),
      'seccomp-runtime-default',
      deployment(
        'securityContext:\n  seccompProfile: {type: RuntimeDefault}\ncontainers:\n- name: a\n  image: x\n  securityContext:',
      ),
    );
    expect(vs[0]?.ops).toEqual([
      { op: 'replace', path: '/spec/template/spec/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } },
    ]);
    const { violations } = fix(
      deployment('containers:\n- name: a\n  image: x\n  securityContext:'),
      'no-privilege-escalation',
    );
    expect(violations[0]?.ops).toEqual([
      {
        op: 'replace',
        path: '/spec/template/spec/containers/0/securityContext',
        value: { allowPrivilegeEscalation: false },
      },
    ]);
  });
});

describe('Windows pods', () => {
  test('Linux-only security fields are reported, not patched, when spec.os.name is windows', () => {
    const doc = yamlValue(
      deployment('os: {name: windows}\ncontainers:\n- {name: a, image: "x:1", securityContext: {privileged: true}}'),
    );
    const ids = [
      'no-privilege-escalation',
      'drop-capabilities',
      'no-privileged',
      'read-only-root-filesystem',
      'seccomp-runtime-default',
    ];
    const vs = detectAll(doc, { only: ids });
    expect(
      vs.map((v) => [v.remediation, v.ops.length, v.skip?.reason?.startsWith('a Windows pod (spec.os.name windows)')]),
    ).toEqual(ids.sort().map((id) => [id, 0, true]));
    expect(detectAll(doc, { only: ['run-as-non-root'] }).map((v) => v.ops.length)).toEqual([1]);
  });
});

describe('YAML 1.1 booleans (how Kubernetes decodes manifests)', () => {
  test('`privileged: on` and `hostNetwork: yes` fail as insecure values and are replaced or removed', () => {
    const { violations } = fix(
      deployment('hostNetwork: yes\ncontainers:\n- {name: app, image: x, securityContext: {privileged: on}}'),
      'no-privileged',
    );
    expect(violations.map((v) => [v.container?.name, v.reason, v.ops])).toEqual([
      [
        'app',
        'insecure-value',
        [{ op: 'replace', path: '/spec/template/spec/containers/0/securityContext/privileged', value: false }],
      ],
    ]);
    const host = fix(deployment('hostNetwork: yes\ncontainers:\n- {name: app, image: x}'), 'no-host-namespaces');
    expect(host.violations.map((v) => [v.reason, v.ops])).toEqual([
      ['insecure-value', [{ op: 'remove', path: '/spec/template/spec/hostNetwork' }]],
    ]);
  });

  test('`runAsNonRoot: y` already means true: nothing to fix', () => {
    expect(
      fix(deployment('containers:\n- {name: app, image: x, securityContext: {runAsNonRoot: y}}'), 'run-as-non-root')
        .violations,
    ).toEqual([]);
  });
});

describe('no-privileged and mount propagation', () => {
  test('a container with a Bidirectional mount keeps privileged: the change is reported, not made', () => {
    const { violations } = fix(
      deployment(
        'containers:\n- name: agent\n  image: x\n  securityContext: {privileged: true}\n  volumeMounts: [{name: run, mountPath: /run, mountPropagation: Bidirectional}]',
      ),
      'no-privileged',
    );
    expect(violations.map((v) => [v.ops, v.skip?.reason])).toEqual([
      [
        [],
        'a volume mount uses Bidirectional mount propagation, which the API server allows only in privileged containers (needs a human) (container-level volumeMounts[*].mountPropagation: "Bidirectional")',
      ],
    ]);
  });
});

describe('no-dangerous-capabilities: a list left empty', () => {
  test('is removed whole rather than rewritten as add: []', () => {
    const { violations } = fix(
      deployment(
        'containers:\n- name: app\n  image: x\n  securityContext:\n    capabilities:\n      add:\n      - SYS_ADMIN\n      - NET_RAW\n      drop: [ALL]',
      ),
      'no-dangerous-capabilities',
    );
    expect(violations.map((v) => v.ops)).toEqual([
      [{ op: 'remove', path: '/spec/template/spec/containers/0/securityContext/capabilities/add' }],
    ]);
  });

  test('keeps allowed entries and removes the rest by index', () => {
    const { violations } = fix(
      deployment(
        'containers:\n- name: app\n  image: x\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE, SYS_ADMIN]',
      ),
      'no-dangerous-capabilities',
    );
    expect(violations.map((v) => v.ops)).toEqual([
      [{ op: 'remove', path: '/spec/template/spec/containers/0/securityContext/capabilities/add/1' }],
    ]);
  });
});
