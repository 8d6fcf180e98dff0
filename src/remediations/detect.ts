/**
 * kubemend's own detection: every failing check of the enabled remediations on one workload, with the
 * RFC 6902 ops that fix it (see README.md for the contract the pipeline relies on).
 */
import type { Config } from '../config/schema.js';
import { isObject } from '../locate/workloads.js';
import type { ContainerRef, ContainerType, Severity, Violation, Workload } from '../model.js';
import { type Unit, evaluateUnit } from './evaluate.js';
import { exemptionOf } from './exemptions.js';
import type { ImageKnowledge } from './images/lookup-image.js';
import type { Catalog } from './load-catalog.js';
import { resolveOptions } from './options.js';
import { planViolations } from './plan.js';
import type { Remediation } from './schema.js';

/** Whether the config and the call let a remediation run. */
export function isEnabled(id: string, config: Config, opts: { only?: string[]; skip?: string[] } = {}): boolean {
  const { enabled, disabled } = config.remediations;
  if (enabled !== 'all' && !enabled.includes(id)) return false;
  if (disabled.includes(id) || opts.skip?.includes(id)) return false;
  return opts.only === undefined || opts.only.includes(id);
}

/** The severity after the repo's `remediations.severity` override. */
export function effectiveSeverity(rem: Remediation, config: Config): Severity {
  return config.remediations.severity[rem.id] ?? rem.severity;
}

function containerUnits(w: Workload, lists: ContainerType[]): Unit[] {
  return lists.flatMap((type) => {
    const list = w.podSpec[type];
    if (!Array.isArray(list)) return [];
    return list.flatMap((value, index) => {
      if (!isObject(value)) return [];
      const container: ContainerRef = {
        type,
        name: typeof value.name === 'string' ? value.name : String(index),
        index,
      };
      return [{ level: 'container' as const, container, value, pointer: `${w.podSpecPointer}/${type}/${index}` }];
    });
  });
}

function readsContainers(rem: Remediation): boolean {
  return rem.scope === 'container' || rem.checks.some((c) => c.effective?.includes('container'));
}

const optionsCache = new WeakMap<Config, Map<string, Record<string, unknown>>>();

function optionsFor(rem: Remediation, config: Config): Record<string, unknown> {
  const perConfig = optionsCache.get(config) ?? new Map<string, Record<string, unknown>>();
  optionsCache.set(config, perConfig);
  const cached = perConfig.get(rem.id);
  if (cached) return cached;
  const resolved = resolveOptions(rem, config);
  perConfig.set(rem.id, resolved);
  return resolved;
}

/** The violations of one remediation on one workload. */
export function detectOne(
  w: Workload,
  rem: Remediation,
  config: Config,
  images: ImageKnowledge = { entries: [] },
): Violation[] {
  const options = optionsFor(rem, config);
  const pod: Unit = { level: 'pod', container: null, value: w.podSpec, pointer: w.podSpecPointer };
  const units = readsContainers(rem) ? containerUnits(w, rem.containers) : [pod];
  const results = units.map((u) => evaluateUnit(rem, u, pod, options));
  if (results.every((r) => r.failures.length === 0)) return [];
  return planViolations(rem, w, results, {
    pod,
    options,
    config,
    images,
    exemption: exemptionOf(rem.id, w, config, rem.aliases),
  });
}

/**
 * Every failing check on one workload for the enabled remediations (config enabled/disabled, `only`,
 * `skip`). Fixable violations carry `ops` relative to the document root; those held back (exempted,
 * conflicting, report-only, or by a safety guard) carry `skip` and no ops; a compliant workload yields nothing. Throws only when
 * `config.remediations.options` is invalid (validate it first with `checkRemediationConfig`).
 * @param opts.only Remediation ids to run, on top of the config. Default: all enabled.
 * @param opts.skip Remediation ids not to run. Default: none.
 */
export function detect(
  workload: Workload,
  catalog: Catalog,
  config: Config,
  opts: { only?: string[]; skip?: string[] } = {},
): Violation[] {
  return catalog.remediations
    .filter((rem) => isEnabled(rem.id, config, opts))
    .flatMap((rem) => detectOne(workload, rem, config, catalog.images));
}
