/**
 * Verification by rendering (issue 14): after fixes on rendered resources were written into bases and
 * patches, every Kustomize root that uses an edited file is rendered again. Each must render the fixed
 * field with the intended value (in the roots the findings named; in every other root too, when the edit
 * went into a shared base: every environment then gets the same value) and nothing else differently. A
 * file whose edit fails this is put back as it was, and its fixes are reported as `render-mismatch`.
 */
import type { KustomizeModel, RenderedResource } from '../locate/kustomize/types.js';
import { isObject } from '../locate/workloads.js';
import type { FileResult, Violation } from '../model.js';
import { leaves, relocate, valueAtPointer } from './merge-key.js';

type Render = (
  model: KustomizeModel,
  dir: string,
  texts: Map<string, string>,
) => { ok: true; resources: RenderedResource[] } | { ok: false; reason: string };

function diffPointers(a: unknown, b: unknown, at: string, out: string[]): void {
  // A new (or removed) object is reported leaf by leaf, so an added field is compared with the fix's own paths.
  if ((a === undefined && isObject(b)) || (b === undefined && isObject(a))) {
    const present = (a ?? b) as Record<string, unknown>;
    for (const k of Object.keys(present))
      diffPointers(
        isObject(a) ? a[k] : undefined,
        isObject(b) ? b[k] : undefined,
        `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        out,
      );
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(at);
    else a.forEach((x, i) => diffPointers(x, b[i], `${at}/${i}`, out));
  } else if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      diffPointers(a[k], b[k], `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at);
}

/** Why `root`'s rendering after the edit is not the one intended, or undefined when it is. */
function checkRoot(
  root: string,
  before: RenderedResource[],
  after: RenderedResource[],
  fixes: Violation[],
  named: boolean,
): string | undefined {
  if (before.length !== after.length)
    return `${root || '.'} renders ${after.length} resources instead of ${before.length}`;
  for (const [i, b] of before.entries()) {
    const a = after[i] as RenderedResource;
    const mine = fixes.filter(
      (v) =>
        v.kustomize &&
        v.workload.id.kind === b.id.kind &&
        [b, a].some((x) => x.origin.file === v.workload.file || x.patchedBy.some((p) => p.file === v.workload.file)),
    );
    const allowed = mine.flatMap((v) =>
      (v.kustomize?.rendered ?? []).map((op) => ({ op, at: relocate(op.path, b.object, a.object) })),
    );
    // Edits of kubemend's own detection are the file's own changes (checked by re-parsing, and by heldInRoot);
    // what a fix found on a rendering changes is checked against the paths it meant to change.
    if (!mine.length) continue;
    const changed: string[] = [];
    diffPointers(b.object, a.object, '', changed);
    const outside = changed.filter(
      (p) => !allowed.some(({ at }) => at !== undefined && (p === at || p.startsWith(`${at}/`))),
    );
    if (outside.length)
      return `${root || '.'} would also change ${b.id.kind}/${b.id.name} at ${outside.slice(0, 3).join(', ')}`;
    for (const { op, at } of allowed) {
      if (at === undefined || op.op === 'remove') continue;
      for (const [suffix, want] of leaves(op.value)) {
        const got = valueAtPointer(a.object, at + suffix);
        // In a root no finding named, only a value that is there and differs means it does not get the fix.
        if (JSON.stringify(got) !== JSON.stringify(want) && (named || got !== undefined))
          return `${root || '.'} renders ${b.id.kind}/${b.id.name} ${at + suffix} as ${JSON.stringify(got)}, not ${JSON.stringify(want)}`;
      }
    }
  }
  return undefined;
}

/** Re-renders every root using an edited file; undoes the files whose edit does not render as intended. */
/** Violations of one remediation on a rendered object: how kubemend would judge the fix in that root. */
export type DetectOn = (object: Record<string, unknown>, remediation: string) => Violation[];

/**
 * A base edit must be a fix kubemend would make in every root that renders the base: an overlay that swaps
 * the image for a root one, or sets `runAsUser: 0` or `privileged: true`, holds the same fix back there (a
 * guard or a conflict), and the edit would break that environment.
 */
function heldInRoot(
  root: string,
  before: RenderedResource[],
  touched: FileResult[],
  detectOn: DetectOn,
): string | undefined {
  for (const r of before) {
    for (const f of touched.filter((x) => x.path === r.origin.file)) {
      for (const fix of f.fixes.filter((x) => x.doc === r.origin.doc && x.resource.kind === r.id.kind)) {
        const held = detectOn(r.object, fix.remediation).find(
          (v) =>
            v.skip &&
            v.skip.code !== 'already-compliant' &&
            (fix.container ? v.container?.name === fix.container.name : v.container === null),
        );
        if (held?.skip)
          return `${root || '.'} holds ${fix.remediation} back on ${r.id.kind}/${r.id.name}${fix.container ? ` container ${fix.container.name}` : ''} (${held.skip.code}: ${held.skip.reason})`;
      }
    }
  }
  return undefined;
}

export function verifyRendering(
  results: FileResult[],
  fixes: Violation[],
  model: KustomizeModel,
  texts: Map<string, string>,
  render: Render,
  build: (texts: Map<string, string>) => KustomizeModel,
  detectOn: DetectOn,
): void {
  const kustomizationFiles = new Set([...model.kustomizations.values()].map((k) => k.file));
  const edited = results.filter((f) => f.changed);
  if (!edited.length) return;
  const after = new Map(texts);
  for (const f of edited) after.set(f.path, f.after);
  // An edited kustomization (a new patch listed) is a new model.
  const modelAfter = edited.some((f) => kustomizationFiles.has(f.path)) ? build(after) : model;
  const environments = new Map<FileResult, string[]>();
  for (const root of model.roots) {
    const b = render(model, root, texts);
    if (!b.ok) continue;
    const a = render(modelAfter, root, after);
    const own = model.kustomizations.get(root)?.file;
    const uses = (f: FileResult) =>
      f.path === own ||
      [b, a].some(
        (x) => x.ok && x.resources.some((r) => r.origin.file === f.path || r.patchedBy.some((p) => p.file === f.path)),
      );
    const touched = edited.filter(uses);
    if (!touched.length) continue;
    const named = fixes.some((v) => v.kustomize?.roots.includes(root));
    const problem = a.ok
      ? (checkRoot(root, b.resources, a.resources, fixes, named) ?? heldInRoot(root, b.resources, touched, detectOn))
      : `${root || '.'} no longer renders: ${a.reason}`;
    for (const f of touched) {
      if (problem) undo(f, problem);
      else environments.set(f, [...(environments.get(f) ?? []), root || '.']);
    }
  }
  // The PR says which environments change: every root that renders an edited file.
  for (const [f, roots] of environments)
    for (const fix of f.fixes.filter((x) => x.kustomizeRoots || !kustomizationFiles.has(f.path)))
      fix.evidence.push(
        `changes what ${roots.length === 1 ? 'the Kustomize root' : 'the Kustomize roots'} ${roots.join(', ')} render${roots.length === 1 ? 's' : ''}`,
      );
}

function undo(f: FileResult, problem: string): void {
  if (!f.changed) return;
  if (f.created)
    f.skipped.push(
      ...f.fixes.map((x) => ({
        remediation: x.remediation,
        resource: x.resource,
        container: x.container,
        code: 'render-mismatch' as const,
        reason: `not added: with the new overlay patch, ${problem}`,
        doc: x.doc,
        sources: x.sources,
      })),
    );
  if (!f.created)
    f.skipped.push(
      ...f.fixes.map((x) => ({
        remediation: x.remediation,
        resource: x.resource,
        container: x.container,
        code: 'render-mismatch' as const,
        reason: `undone: after the edit, ${problem}`,
        doc: x.doc,
        sources: x.sources,
      })),
    );
  f.fixes = [];
  f.after = f.before;
  f.changed = false;
}
