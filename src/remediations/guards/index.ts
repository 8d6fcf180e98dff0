/**
 * The safety guards: what holds a fix back so that a pull request never stops a workload from starting nor
 * undoes a human's choice. Each held fix is reported with a typed code, its reason and how to opt in.
 * - whole unit: exemptions, conflicts, partial manifests, node agents;
 * - one failing check: report-only checks, explicit values, resource values kubemend would have to invent;
 * - the image: root or named users (`image-user`), writes outside the mounts (`image-writes`).
 */
import type { Config } from '../../config/schema.js';
import type { Skip, Workload } from '../../model.js';
import type { CheckFailure, Unit, UnitResult } from '../evaluate.js';
import { pointerOf } from '../fields.js';
import { valueOf } from '../fix-group.js';
import type { ImageKnowledge } from '../images/lookup-image.js';
import type { Options } from '../predicates.js';
import type { Check, Remediation } from '../schema.js';
import { describeExplicit, overridesExplicit } from './explicit-value.js';
import { type GuardVerdict, imageRootVerdict, imageUserVerdict } from './image-user.js';
import { imageWritesVerdict } from './image-writes.js';
import { nodeAgentEvidence } from './node-agent.js';
import { optInFor, optInHint } from './opt-in.js';
import { partialManifest } from './partial-manifest.js';

export interface GuardContext {
  rem: Remediation;
  workload: Workload;
  pod: Unit;
  options: Options;
  config: Config;
  images: ImageKnowledge;
  exemption: string | undefined;
}

function label(w: Workload): string {
  return `${w.id.kind}/${w.id.name}`;
}

/** A skip covering every failure of the unit, or undefined. */
export function unitSkip(ctx: GuardContext, r: UnitResult): Skip | undefined {
  if (ctx.exemption !== undefined) return { code: 'exempted', reason: ctx.exemption };
  if (r.conflict !== undefined) return { code: 'conflict', reason: r.conflict };
  const partial = partialManifest(ctx.workload);
  if (partial) return { code: 'partial-manifest', reason: `${partial}; kubemend never fills it with values` };
  if (!ctx.rem.guards.includes('node-agent') || !ctx.config.safety.nodeAgents) return undefined;
  const agent = nodeAgentEvidence(ctx.workload);
  if (!agent || optInFor('node-agent', ctx.rem.id, ctx.workload, ctx.config)) return undefined;
  const reason = `${label(ctx.workload)} is ${agent}; kubemend keeps its host access, user and root filesystem (safety.nodeAgents: false turns this off)`;
  // A report-only remediation (no-host-path) has nothing to apply: no opt-in to offer.
  const patches = ctx.rem.checks.some((c) => c.fix.action !== 'report');
  return patches
    ? { code: 'node-agent', reason, optIn: optInHint('node-agent', ctx.rem.id, ctx.workload) }
    : { code: 'node-agent', reason };
}

function reportReason(rem: Remediation): string {
  return `not patched automatically: ${rem.guidance ?? 'needs a human decision'}`;
}

function isReportOnly(check: Check, options: Options): boolean {
  return (
    check.fix.action === 'report' ||
    (check.fix.only_if_option !== undefined && options[check.fix.only_if_option] !== true)
  );
}

/** A fixable check failure: the value a set fix writes, and how it was derived. */
export interface Planned {
  failure: CheckFailure;
  value: unknown;
  evidence?: string;
  /** Pointer of an explicit value this fix changes (opted in): the pipeline reports the comment beside it. */
  explicit?: string;
}

/** The check failure's skip (report-only, explicit value, no value to write), or its planned value. */
export function failureVerdict(ctx: GuardContext, unit: Unit, f: CheckFailure): { skip: Skip } | Planned {
  const { rem, workload, options } = ctx;
  if (isReportOnly(f.check, options)) return { skip: { code: 'report-only', reason: reportReason(rem) } };
  const explicit = f.matches.find((m) => overridesExplicit(f.check, m, options));
  const pointer = explicit
    ? pointerOf(explicit.source === 'pod' ? ctx.pod.pointer : unit.pointer, explicit.tokens)
    : undefined;
  if (explicit && pointer !== undefined && !optInFor('explicit-value', rem.id, workload, ctx.config)) {
    const reason = `\`${describeExplicit(f.check, explicit)}\` is set explicitly: someone chose it, so kubemend keeps it`;
    return { skip: { code: 'explicit-value', reason, optIn: optInHint('explicit-value', rem.id, workload), pointer } };
  }
  const changed = explicit
    ? {
        evidence: `changes the explicit \`${describeExplicit(f.check, explicit)}\` (opted in by the config)`,
        explicit: pointer,
      }
    : {};
  if (f.check.fix.action !== 'set') return { failure: f, value: undefined, ...changed };
  const chosen = valueOf(f.check, unit, workload, options, rem.id);
  if ('hold' in chosen) return { skip: { code: 'needs-value', reason: chosen.hold } };
  const evidence = [changed.evidence, chosen.evidence].filter((e): e is string => e !== undefined).join('; ');
  return { failure: f, value: chosen.value, ...changed, ...(evidence ? { evidence } : {}) };
}

/** The image guards of the remediation on one container: held back (with how to opt in) or evidence. */
export function imageVerdict(ctx: GuardContext, unit: Unit): { skip: Skip } | { evidence: string[] } {
  if (!unit.container) return { evidence: [] };
  const evidence: string[] = [];
  const checks: Array<['image-user' | 'image-root' | 'image-writes', () => GuardVerdict]> = [
    ['image-user', () => imageUserVerdict(ctx.rem, unit, ctx.pod, ctx.options, ctx.images)],
    ['image-root', () => imageRootVerdict(unit, ctx.pod, ctx.images)],
    ['image-writes', () => imageWritesVerdict(unit, ctx.images)],
  ];
  for (const [guard, verdict] of checks) {
    if (!ctx.rem.guards.includes(guard)) continue;
    const v = verdict();
    if ('hold' in v) {
      if (!optInFor(guard, ctx.rem.id, ctx.workload, ctx.config)) {
        const skip: Skip = { code: guard, reason: v.hold, optIn: optInHint(guard, ctx.rem.id, ctx.workload) };
        return { skip: v.source ? { ...skip, source: v.source } : skip };
      }
      evidence.push(`opted in by the config: ${v.hold}`);
    } else if (v.evidence) evidence.push(v.evidence);
  }
  return { evidence };
}
