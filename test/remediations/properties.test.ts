/**
 * Property tests over generated pod specs: every violation's ops are valid alone against the document;
 * fixing converges within the pipeline's 3 rounds; each remediation's fix is idempotent by detection.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyOps, catalog, detectAll, fixAll } from './helpers.js';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const subset = (items: string[]) => fc.subarray(items);

const capabilities = fc.record({
  add: opt(subset(['SYS_ADMIN', 'NET_BIND_SERVICE', 'cap_net_raw', 'CHOWN'])),
  drop: opt(subset(['ALL', 'NET_RAW', 'all'])),
});
const seccomp = fc.oneof(
  fc.constant(null),
  fc.record({ type: fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost') }),
);
const quantity = fc.constantFrom('100m', 1, '64Mi', '2Gi', '250m');
const resources = fc.record({
  limits: opt(fc.record({ cpu: opt(quantity), memory: opt(quantity) })),
  requests: opt(fc.record({ cpu: opt(quantity), memory: opt(quantity) })),
});

const containerSc = fc.oneof(
  fc.constant(null),
  fc.record({
    runAsNonRoot: opt(fc.boolean()),
    runAsUser: opt(fc.constantFrom(0, 1000)),
    allowPrivilegeEscalation: opt(fc.boolean()),
    privileged: opt(fc.boolean()),
    readOnlyRootFilesystem: opt(fc.boolean()),
    capabilities: opt(capabilities),
    seccompProfile: opt(seccomp),
  }),
);

const container = (name: string) =>
  fc.record({
    name: fc.constant(name),
    image: fc.constantFrom('nginx', 'nginx:1.27', 'registry:5000/app', 'app@sha256:abc'),
    securityContext: opt(containerSc),
    resources: opt(resources),
    ports: opt(
      fc.array(fc.record({ containerPort: fc.constant(80), hostPort: opt(fc.constantFrom(0, 8080)) }), {
        maxLength: 2,
      }),
    ),
  });

const podSpec = fc.record({
  securityContext: opt(
    fc.oneof(
      fc.constant(null),
      fc.record({
        runAsNonRoot: opt(fc.boolean()),
        runAsUser: opt(fc.constantFrom(0, 1000)),
        seccompProfile: opt(seccomp),
      }),
    ),
  ),
  hostNetwork: opt(fc.boolean()),
  hostPID: opt(fc.boolean()),
  automountServiceAccountToken: opt(fc.boolean()),
  serviceAccountName: opt(fc.constantFrom('default', 'operator')),
  initContainers: opt(fc.tuple(container('init')).map((t) => [...t])),
  containers: fc.tuple(container('a'), opt(container('b'))).map(([a, b]) => (b ? [a, b] : [a])),
});

/** A Deployment around the spec, with undefined members dropped as YAML would never have them. */
const deployment = podSpec.map(
  (spec) =>
    JSON.parse(
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'w' },
        spec: { template: { spec } },
      }),
    ) as unknown,
);

describe('planned ops, on generated pod specs', () => {
  test('every violation is valid alone against the original document', () => {
    fc.assert(
      fc.property(deployment, (doc) => {
        for (const v of detectAll(doc)) applyOps(doc, v.ops);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  test('fixing converges within 3 rounds and leaves nothing fixable; a second fix applies nothing', () => {
    fc.assert(
      fc.property(deployment, (doc) => {
        const once = fixAll(doc);
        expect(once.rounds).toBeLessThanOrEqual(2);
        expect(detectAll(once.value).filter((v) => v.ops.length > 0)).toEqual([]);
        expect(fixAll(once.value).applied).toBe(0);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test('each remediation alone is idempotent by detection', () => {
    const ids = catalog().remediations.map((r) => r.id);
    fc.assert(
      fc.property(deployment, fc.constantFrom(...ids), (doc, id) => {
        const fixed = detectAll(doc, { only: [id] }).reduce<unknown>((d, v) => applyOps(d, v.ops), doc);
        expect(detectAll(fixed, { only: [id] }).filter((v) => v.ops.length > 0)).toEqual([]);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
