/**
 * kubemend's detection against Kubescape's own rule unit tests (regolibrary fixtures in
 * ../shared/findings/kubescape/rule-responses): the units (containers, or the pod) each flags.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { findWorkloads } from '../../src/locate/workloads.js';
import { parseYamlFile } from '../../src/yaml.js';
import { catalog } from './helpers.js';
import { failsOn } from './polaris-compare.js';
import { SHARED } from '../shared-dir.js';

const DIR = SHARED + '/findings/kubescape/rule-responses';

/** Kubescape rule → kubemend remediation (and field, for remediations covering several). */
const RULES: Record<string, [string, string?]> = {
  'alert-any-hostpath': ['no-host-path'],
  'automount-service-account': ['no-automount-service-account-token'],
  'container-hostPort': ['no-host-port'],
  'drop-capability-netraw': ['drop-capabilities'],
  'host-ipc-privileges': ['no-host-namespaces', 'hostIPC'],
  'host-network-access': ['no-host-namespaces', 'hostNetwork'],
  'host-pid-privileges': ['no-host-namespaces', 'hostPID'],
  'image-not-pinned-to-digest': ['image-tag-pinned'],
  'immutable-container-filesystem': ['read-only-root-filesystem'],
  'insecure-capabilities': ['no-dangerous-capabilities'],
  'non-root-containers': ['run-as-non-root'],
  'resources-cpu-limits': ['cpu-limits'],
  'resources-cpu-requests': ['resource-requests', 'resources.requests.cpu'],
  'resources-memory-limits': ['memory-limits'],
  'resources-memory-requests': ['resource-requests', 'resources.requests.memory'],
  'rule-allow-privilege-escalation': ['no-privilege-escalation'],
  'set-seccomp-profile-RuntimeDefault': ['seccomp-runtime-default'],
};

interface Path {
  path: string;
}

function kubescapeUnits(
  rule: string,
  scope: string,
  expected: Array<{ fixPaths?: Path[]; failedPaths?: string[]; deletePaths?: string[]; reviewPaths?: string[] }>,
): string[] {
  return expected.map((r) => {
    const paths = [
      ...(r.fixPaths ?? []).map((p) => p.path),
      ...(r.failedPaths ?? []),
      ...(r.deletePaths ?? []),
      ...(r.reviewPaths ?? []),
    ];
    const m = scope === 'pod' ? null : paths.map((p) => /(containers|initContainers)\[(\d+)\]/.exec(p)).find(Boolean);
    return m ? `${rule}: ${m[1]}[${m[2]}]` : `${rule}: pod`;
  });
}

function kubemendUnits(rule: string, remediation: string, field: string | undefined, scope: string): string[] {
  const inputs = readdirSync(DIR).filter(
    (f) => f.startsWith(`${rule}__`) && f.includes('__input_') && f.endsWith('.yaml'),
  );
  return inputs.flatMap((f) =>
    parseYamlFile(readFileSync(`${DIR}/${f}`, 'utf8')).docs.flatMap((d) =>
      findWorkloads(d.value, f, d.index).flatMap((w) => {
        if (scope === 'pod') return failsOn(remediation, field, w, null) ? [`${rule}: pod`] : [];
        return (['containers', 'initContainers'] as const).flatMap((type) =>
          (Array.isArray(w.podSpec[type]) ? (w.podSpec[type] as unknown[]) : []).flatMap((_, index) =>
            failsOn(remediation, field, w, { type, index }) ? [`${rule}: ${type}[${index}]`] : [],
          ),
        );
      }),
    ),
  );
}

test('the units kubemend flags on Kubescape rule fixtures, and the documented differences', () => {
  const ks: string[] = [];
  const km: string[] = [];
  for (const f of readdirSync(DIR)
    .filter((x) => x.endsWith('__expected.json'))
    .sort()) {
    const rule = f.split('__')[0] ?? '';
    const [remediation, field] = RULES[rule] ?? [];
    if (!remediation) continue;
    const rem = catalog().byId.get(remediation);
    // Units are containers when the remediation reads containers (seccomp is written at pod level, read per container).
    const scope =
      rem?.scope === 'pod' && !rem.checks.some((c) => c.effective?.includes('container')) ? 'pod' : 'container';
    ks.push(...kubescapeUnits(rule, scope, JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8'))));
    km.push(...kubemendUnits(rule, remediation, field, scope));
  }
  const onlyKubescape = [...new Set(ks)].filter((u) => !km.includes(u));
  const onlyKubemend = [...new Set(km)].filter((u) => !ks.includes(u));
  expect(onlyKubescape).toEqual([
    // Kubescape C-0306 wants a digest; image-tag-pinned accepts a tag unless requireDigest is set.
    'image-not-pinned-to-digest: containers[0]',
    // Kubescape's non-root rule also fails runAsGroup 0; run-as-non-root is the PSS control (user only).
    'non-root-containers: containers[1]',
    // CIS 5.7.2 as Kubescape encodes it accepts only RuntimeDefault; PSS restricted also allows Localhost.
    'set-seccomp-profile-RuntimeDefault: containers[1]',
  ]);
  expect(onlyKubemend).toEqual([]);
  expect(new Set(ks).size - onlyKubescape.length).toBe(18);
});
