/**
 * Agreement with a third party: Polaris's own check definitions, evaluated with ajv on the real-world
 * corpus and on Polaris's fixtures, against kubemend's detection; then the same after kubemend's fixes.
 * Every disagreement must fall in a named class explained in docs/remediations.md.
 */
import { describe, expect, test } from 'vitest';
import { isObject } from '../../src/locate/workloads.js';
import type { Workload } from '../../src/model.js';
import { normaliseCapability } from '../../src/remediations/predicates.js';
import { corpusInputs, fixtureInputs, type Input, kubemendFails, OVERLAP } from './polaris-compare.js';
import { evaluatePolaris, loadPolarisCheck, type PolarisUnit } from './polaris.js';

type Obj = Record<string, unknown>;
const CHECKS = Object.keys(OVERLAP);
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
    const add = isObject(sc(c).capabilities) && Array.isArray((sc(c).capabilities as Obj).add) ? ((sc(c).capabilities as Obj).add as unknown[]) : [];
    const polarisList = ['ALL', 'SYS_ADMIN', 'NET_ADMIN'];
    if (!add.some((a) => typeof a === 'string' && polarisList.includes(a.toUpperCase()))) return 'capability-beyond-polaris-list';
  }
  if (check === 'insecureCapabilities' && k && !p) {
    const drop = isObject(sc(c).capabilities) && Array.isArray((sc(c).capabilities as Obj).drop) ? ((sc(c).capabilities as Obj).drop as unknown[]) : [];
    if (!drop.map(normaliseCapability).includes('ALL') && drop.length >= 15) return 'drop-list-without-ALL';
  }
  if (check === 'automountServiceAccountToken' && k && !p) {
    const name = w.podSpec.serviceAccountName;
    const sa = input.objects.find((o) => isObject(o) && o.kind === 'ServiceAccount' && isObject(o.metadata) && o.metadata.name === name);
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
        const fails = f.inputs.some((i) => (check ? evaluatePolaris(check, i.workload, i.objects) : []).some((u) => u.fails));
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
    const classes = Object.fromEntries(Object.entries(tallies).filter(([, t]) => t.agree < t.total).map(([n, t]) => [n, t.classes]));
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
    const classes = Object.fromEntries(Object.entries(tallies).filter(([, t]) => t.agree < t.total).map(([n, t]) => [n, t.classes]));
    expect(classes).toEqual({
      runAsRootAllowed: { 'runAsUser-without-runAsNonRoot': 13, 'runAsUser-not-a-number': 1 },
      tagNotSpecified: { 'container-without-image': 4 },
    });
  });
});
