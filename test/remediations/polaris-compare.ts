/**
 * kubemend's verdict per Polaris unit (container or pod) for the overlapping checks, and the corpus and
 * Polaris fixtures both are run on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findWorkloads } from '../../src/locate/workloads.js';
import type { Workload } from '../../src/model.js';
import { evaluateUnit, type Unit } from '../../src/remediations/evaluate.js';
import { resolveOptions } from '../../src/remediations/options.js';
import { parseYamlFile } from '../../src/yaml.js';
import { catalog, config } from './helpers.js';
import { POLARIS_DIR, type PolarisUnit } from './polaris.js';
import { SHARED } from '../shared-dir.js';

export const CORPUS_DIR = SHARED + '/corpus/files';

/** Polaris check → kubemend remediation (and the one field of it, for checks kubemend groups). */
export const OVERLAP: Record<string, { remediation: string; field?: string }> = {
  runAsRootAllowed: { remediation: 'run-as-non-root' },
  privilegeEscalationAllowed: { remediation: 'no-privilege-escalation' },
  runAsPrivileged: { remediation: 'no-privileged' },
  notReadOnlyRootFilesystem: { remediation: 'read-only-root-filesystem' },
  insecureCapabilities: { remediation: 'drop-capabilities' },
  dangerousCapabilities: { remediation: 'no-dangerous-capabilities' },
  cpuLimitsMissing: { remediation: 'cpu-limits' },
  memoryLimitsMissing: { remediation: 'memory-limits' },
  cpuRequestsMissing: { remediation: 'resource-requests', field: 'resources.requests.cpu' },
  memoryRequestsMissing: { remediation: 'resource-requests', field: 'resources.requests.memory' },
  hostNetworkSet: { remediation: 'no-host-namespaces', field: 'hostNetwork' },
  hostPIDSet: { remediation: 'no-host-namespaces', field: 'hostPID' },
  hostIPCSet: { remediation: 'no-host-namespaces', field: 'hostIPC' },
  automountServiceAccountToken: { remediation: 'no-automount-service-account-token' },
  hostPathSet: { remediation: 'no-host-path' },
  hostPortSet: { remediation: 'no-host-port' },
  tagNotSpecified: { remediation: 'image-tag-pinned' },
};

/** One input: a workload and the other documents of its file (Polaris looks ServiceAccounts up there). */
export interface Input {
  file: string;
  workload: Workload;
  objects: unknown[];
}

function inputsOfText(text: string, file: string): Input[] {
  const parsed = parseYamlFile(text, { file });
  const values = parsed.docs.filter((d) => !d.error).map((d) => d.value);
  return parsed.docs
    .filter((d) => !d.error)
    .flatMap((d) => findWorkloads(d.value, file, d.index).map((workload) => ({ file, workload, objects: values })));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function corpusInputs(): Input[] {
  return walk(CORPUS_DIR)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .flatMap((f) => inputsOfText(readFileSync(f, 'utf8'), relative(CORPUS_DIR, f)));
}

/** Every parseable document of every corpus file, as plain values. */
export function corpusFiles(): Array<{ file: string; docs: unknown[] }> {
  return walk(CORPUS_DIR)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => {
      const file = relative(CORPUS_DIR, f);
      return {
        file,
        docs: parseYamlFile(readFileSync(f, 'utf8'), { file })
          .docs.filter((d) => !d.error)
          .map((d) => d.value),
      };
    });
}

/** Inputs of documents given as values (index = position in `docs`). */
export function inputsOfDocs(file: string, docs: unknown[]): Input[] {
  return docs.flatMap((value, i) =>
    findWorkloads(value, file, i).map((workload) => ({ file, workload, objects: docs })),
  );
}

/** Polaris's fixtures for a check: file name, expected outcome (success/failure), inputs. */
export function fixtureInputs(check: string): Array<{ name: string; expectFail: boolean; inputs: Input[] }> {
  const dir = join(POLARIS_DIR, 'check-tests', 'test', 'checks', check);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({
      name: `${check}/${f}`,
      expectFail: f.startsWith('failure'),
      inputs: inputsOfText(readFileSync(join(dir, f), 'utf8'), `${check}/${f}`),
    }));
}

/** kubemend's verdict on one unit (a container, or the pod when null): detection only, exemptions and conflicts aside. */
export function failsOn(
  remediation: string,
  field: string | undefined,
  w: Workload,
  unit: { type: 'containers' | 'initContainers'; index: number } | null,
): boolean {
  const rem = catalog().byId.get(remediation);
  if (!rem) throw new Error(`no remediation ${remediation}`);
  const pod: Unit = { level: 'pod', container: null, value: w.podSpec, pointer: w.podSpecPointer };
  let target = pod;
  if (unit) {
    const value = (w.podSpec[unit.type] as unknown[])[unit.index];
    target = { level: 'container', container: { type: unit.type, name: '', index: unit.index }, value, pointer: '' };
  }
  const result = evaluateUnit(rem, target, pod, resolveOptions(rem, config()));
  return result.failures.some((f) => field === undefined || f.check.field === field);
}

/** kubemend's verdict on the same unit Polaris evaluated. */
export function kubemendFails(polarisCheck: string, w: Workload, unit: PolarisUnit['container']): boolean {
  const map = OVERLAP[polarisCheck];
  if (!map) throw new Error(`no overlap for ${polarisCheck}`);
  return failsOn(map.remediation, map.field, w, unit);
}
