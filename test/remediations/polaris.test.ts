/**
 * Agreement with a third party: Polaris's own check definitions, evaluated with ajv on the real-world
 * corpus and on Polaris's fixtures, against kubemend's detection; then the same after kubemend's fixes.
 * Every disagreement must fall in a named class explained in docs/remediations.md.
 */
import { describe, expect, test } from 'vitest';
import { isObject } from '../../src/locate/workloads.js';
import type { Workload } from '../../src/model.js';
import { normaliseCapability } from '../../src/remediations/predicates.js';
import { detect } from '../../src/remediations/index.js';
import { catalog, config, fixAll } from './helpers.js';
import {
  corpusFiles,
  corpusInputs,
  fixtureInputs,
  type Input,
  inputsOfDocs,
  kubemendFails,
  OVERLAP,
} from './polaris-compare.js';
import { evaluatePolaris, loadPolarisCheck, type PolarisUnit } from './polaris.js';

type Obj = Record<string, unknown>;
const CHECKS = Object.keys(OVERLAP);

/** Measured on ../shared/corpus/files; a change in detection or fixes shows up here. */
const EXPECTED_AFTER_FIX = {
  workloads: 459,
  fixesApplied: 4065,
  // Each remediation's remainder: reported with a reason. Besides report-only remediations and conflicts
  // (runAsUser 0, named service accounts, Unconfined, spire-agent's Bidirectional mount keeping privileged),
  // the 8 mirror pods of static pods (kubescape fixtures dumped from clusters) are reported, not patched (one
  // per patching remediation), checkov.io/skipN and kube-score/ignore annotations exempt what they name, and
  // partial manifests (Kustomize patches, workloads whose containers name no image) are never filled in.
  skipped: {
    'cpu-limits': 20,
    'drop-capabilities': 12,
    'image-tag-pinned': 236,
    'memory-limits': 11,
    'no-automount-service-account-token': 63,
    'no-host-namespaces': 8,
    'no-host-path': 26,
    'no-host-port': 8,
    'no-privilege-escalation': 17,
    'no-privileged': 1,
    'read-only-root-filesystem': 13,
    'resource-requests': 12,
    'run-as-non-root': 19,
    'seccomp-runtime-default': 4,
  },
};
/** Polaris failures left on checks whose remediation patches: all on units kubemend reports with a reason. */
const EXPECTED_POLARIS_AFTER_FIX = {
  automountServiceAccountToken: { explained: 63, unexplained: [] },
  cpuLimitsMissing: { explained: 19, unexplained: [] },
  cpuRequestsMissing: { explained: 3, unexplained: [] },
  hostNetworkSet: { explained: 8, unexplained: [] },
  insecureCapabilities: { explained: 12, unexplained: [] },
  memoryLimitsMissing: { explained: 10, unexplained: [] },
  memoryRequestsMissing: { explained: 10, unexplained: [] },
  notReadOnlyRootFilesystem: { explained: 13, unexplained: [] },
  privilegeEscalationAllowed: { explained: 17, unexplained: [] },
  runAsPrivileged: { explained: 1, unexplained: [] },
  runAsRootAllowed: { explained: 19, unexplained: [] },
};
const polaris = new Map(CHECKS.map((name) => [name, loadPolarisCheck(name)]));

function containerOf(w: Workload, unit: PolarisUnit['container']): Obj {
  const c = unit ? (w.podSpec[unit.type] as unknown[])[unit.index] : undefined;
  return isObject(c) ? c : {};
}

function sc(v: unknown): Obj {
  return isObject(v) && isObject(v.securityContext) ? v.securityContext : {};
}

/** Why kubemend (k) and Polaris (p) disagree on one unit; 'unexplained' fails the test. */
function classify(check: string, input: Input, unit: PolarisUnit['container'], k: boolean, p: boolean): string {
  const w = input.workload;
  const c = containerOf(w, unit);
  if (check === 'runAsRootAllowed' && k && !p) {
    const uid = sc(c).runAsUser ?? sc(w.podSpec).runAsUser;
    if (typeof uid === 'number' && uid >= 1) return 'runAsUser-without-runAsNonRoot';
    if (typeof uid === 'string') return 'runAsUser-not-a-number';
  }
  if (check === 'tagNotSpecified' && p && !k && c.image === undefined) return 'container-without-image';
  if (check === 'dangerousCapabilities' && k && !p) {
    const add =
      isObject(sc(c).capabilities) && Array.isArray((sc(c).capabilities as Obj).add)
        ? ((sc(c).capabilities as Obj).add as unknown[])
        : [];
    const polarisList = ['ALL', 'SYS_ADMIN', 'NET_ADMIN'];
    if (!add.some((a) => typeof a === 'string' && polarisList.includes(a.toUpperCase())))
      return 'capability-beyond-polaris-list';
  }
  if (check === 'insecureCapabilities' && k && !p) {
    const drop =
      isObject(sc(c).capabilities) && Array.isArray((sc(c).capabilities as Obj).drop)
        ? ((sc(c).capabilities as Obj).drop as unknown[])
        : [];
    if (!drop.map(normaliseCapability).includes('ALL') && drop.length >= 15) return 'drop-list-without-ALL';
  }
  if (check === 'automountServiceAccountToken' && k && !p) {
    const name = w.podSpec.serviceAccountName;
    const sa = input.objects.find(
      (o) => isObject(o) && o.kind === 'ServiceAccount' && isObject(o.metadata) && o.metadata.name === name,
    );
    if (isObject(sa) && sa.automountServiceAccountToken === false) return 'service-account-disables-automount';
  }
  return 'unexplained';
}

interface Tally {
  agree: number;
  total: number;
  classes: Record<string, number>;
}

function compare(inputs: Input[]): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const name of CHECKS) {
    const check = polaris.get(name);
    const t: Tally = { agree: 0, total: 0, classes: {} };
    for (const input of inputs) {
      for (const u of check ? evaluatePolaris(check, input.workload, input.objects) : []) {
        const k = kubemendFails(name, input.workload, u.container);
        t.total += 1;
        if (k === u.fails) t.agree += 1;
        else {
          const cls = classify(name, input, u.container, k, u.fails);
          t.classes[cls] = (t.classes[cls] ?? 0) + 1;
        }
      }
    }
    out[name] = t;
  }
  return out;
}

describe('the Polaris evaluator', () => {
  test('reproduces the outcome Polaris expects on each of its own fixtures for the overlapping checks', () => {
    const wrong = CHECKS.flatMap((name) =>
      fixtureInputs(name).flatMap((f) => {
        const check = polaris.get(name);
        const fails = f.inputs.some((i) =>
          (check ? evaluatePolaris(check, i.workload, i.objects) : []).some((u) => u.fails),
        );
        return fails === f.expectFail ? [] : [f.name];
      }),
    );
    expect(wrong).toEqual([]);
    expect(CHECKS.reduce((n, name) => n + fixtureInputs(name).length, 0)).toBe(64);
  });
});

describe('agreement with Polaris', () => {
  test('on Polaris fixtures: every disagreement is a known class', () => {
    const inputs = CHECKS.flatMap((name) => fixtureInputs(name).flatMap((f) => f.inputs));
    const tallies = compare(inputs);
    const classes = Object.fromEntries(
      Object.entries(tallies)
        .filter(([, t]) => t.agree < t.total)
        .map(([n, t]) => [n, t.classes]),
    );
    expect(classes).toEqual({
      automountServiceAccountToken: { 'service-account-disables-automount': 1 },
      insecureCapabilities: { 'drop-list-without-ALL': 3 },
      tagNotSpecified: { 'container-without-image': 16 },
    });
  });

  test('on the corpus: agreement per check, every disagreement a known class', () => {
    const tallies = compare(corpusInputs());
    const table = Object.fromEntries(Object.entries(tallies).map(([n, t]) => [n, `${t.agree}/${t.total}`]));
    expect(table).toEqual({
      runAsRootAllowed: '499/513',
      privilegeEscalationAllowed: '513/513',
      runAsPrivileged: '513/513',
      notReadOnlyRootFilesystem: '513/513',
      insecureCapabilities: '513/513',
      dangerousCapabilities: '513/513',
      cpuLimitsMissing: '489/489',
      memoryLimitsMissing: '489/489',
      cpuRequestsMissing: '489/489',
      memoryRequestsMissing: '489/489',
      hostNetworkSet: '459/459',
      hostPIDSet: '459/459',
      hostIPCSet: '459/459',
      automountServiceAccountToken: '459/459',
      hostPathSet: '459/459',
      hostPortSet: '513/513',
      tagNotSpecified: '509/513',
    });
    const classes = Object.fromEntries(
      Object.entries(tallies)
        .filter(([, t]) => t.agree < t.total)
        .map(([n, t]) => [n, t.classes]),
    );
    expect(classes).toEqual({
      runAsRootAllowed: { 'runAsUser-without-runAsNonRoot': 13, 'runAsUser-not-a-number': 1 },
      tagNotSpecified: { 'container-without-image': 4 },
    });
  });
});

describe('after fixing the corpus with every patching remediation', () => {
  const files = corpusFiles();
  const fixed = files.map(({ file, docs }) => {
    const results = docs.map((d) => fixAll(d));
    return {
      file,
      docs: results.map((r) => r.value),
      applied: results.reduce((n, r) => n + r.applied, 0),
      rounds: Math.max(0, ...results.map((r) => r.rounds)),
    };
  });
  const inputs = fixed.flatMap((f) => inputsOfDocs(f.file, f.docs));

  test('kubemend finds nothing fixable left; what remains is reported with a reason', () => {
    expect(Math.max(...fixed.map((f) => f.rounds))).toBeLessThanOrEqual(3);
    const left = inputs.flatMap((i) => detect(i.workload, catalog(), config()));
    expect(left.filter((v) => v.ops.length > 0 || !v.skip?.reason)).toEqual([]);
    const byRemediation: Record<string, number> = {};
    for (const v of left) byRemediation[v.remediation] = (byRemediation[v.remediation] ?? 0) + 1;
    expect({
      workloads: inputs.length,
      fixesApplied: fixed.reduce((n, f) => n + f.applied, 0),
      skipped: byRemediation,
    }).toEqual(EXPECTED_AFTER_FIX);
  });

  test('Polaris finds nothing left that the catalog fixes, except what kubemend reports with a reason', () => {
    const reportOnly = new Set(['no-host-path', 'no-host-port', 'image-tag-pinned']);
    const remaining: Record<string, { explained: number; unexplained: string[] }> = {};
    for (const name of CHECKS.filter((n) => !reportOnly.has(OVERLAP[n]?.remediation ?? ''))) {
      const check = polaris.get(name);
      const tally = { explained: 0, unexplained: [] as string[] };
      for (const input of inputs) {
        const skipped = detect(input.workload, catalog(), config(), {
          only: [OVERLAP[name]?.remediation ?? ''],
        }).filter((v) => v.skip?.reason);
        for (const u of check ? evaluatePolaris(check, input.workload, input.objects) : []) {
          if (!u.fails) continue;
          const covered = skipped.some(
            (v) =>
              v.container === null ||
              (v.container.type === u.container?.type && v.container.index === u.container.index),
          );
          if (covered && kubemendFails(name, input.workload, u.container)) tally.explained += 1;
          else tally.unexplained.push(`${input.file}#${input.workload.doc} ${JSON.stringify(u.container)}`);
        }
      }
      if (tally.explained > 0 || tally.unexplained.length > 0) remaining[name] = tally;
    }
    expect(remaining).toEqual(EXPECTED_POLARIS_AFTER_FIX);
  });
});
