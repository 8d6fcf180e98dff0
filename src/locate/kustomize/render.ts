/**
 * Renders one root of the model as `kustomize build` would (depth first: each resource directory is
 * built on its own, components act on what their parent accumulated so far, then the kustomization's
 * own patches and transformers run in kustomize's order), tracking who wrote every field.
 * https://github.com/kubernetes-sigs/kustomize/blob/master/api/internal/target/kusttarget.go
 */
import { applyAffixes } from './affix.js';
import { applyPatch, type PatchEnv } from './apply-patch.js';
import { fileMap } from './build-model.js';
import { applyImages } from './images.js';
import { applyAnnotations, applyLabels } from './labels.js';
import { loadResources } from './load-resources.js';
import { fixNameReferences } from './name-references.js';
import { applyNamespace } from './namespace.js';
import { applyReplicas } from './replicas.js';
import { toRendered } from './rendered.js';
import { curId, describeId, type Res, sameId } from './resource.js';
import type { Writer } from './tracked.js';
import type { Kustomization, KustomizeModel, RenderResult, RepoFiles } from './types.js';
import { unmodelledIn } from './closure.js';
import { addHashes, runGenerators } from './generators.js';
import { bytesOf, fileReader } from './read-bytes.js';

interface Ctx extends PatchEnv {
  model: KustomizeModel;
  stack: string[];
  /** Exact bytes given for files a generator may read. */
  bytes: Map<string, Uint8Array>;
}

function makeCtx(model: KustomizeModel, files: Map<string, string>, bytes: Map<string, Uint8Array>): Ctx {
  let seq = 0;
  return { model, files, bytes, stack: [], writer: (partial) => ({ ...partial, seq: ++seq }) };
}

/** Appends `more` to `into`, refusing an identity already there (kustomize: "may not add resource with an already registered id"). */
function append(into: Res[], more: Res[]): string | undefined {
  for (const r of more) {
    const id = curId(r);
    if (into.some((x) => sameId(curId(x), id))) return `resource ${describeId(id)} is defined twice (${r.origin.file})`;
    into.push(r);
  }
  return undefined;
}

/** kustomize's default load restriction (LoadRestrictionsRootOnly): files must be in or below the kustomization's directory. */
export function withinDir(dir: string, path: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

function loadEntry(ctx: Ctx, k: Kustomization, path: string, into: Res[]): string | undefined {
  if (ctx.model.kustomizations.has(path)) {
    const sub: Res[] = [];
    return accumulate(ctx, path, sub) ?? append(into, sub);
  }
  const text = ctx.files.get(path);
  if (text !== undefined && !withinDir(k.dir, path))
    return `${k.file}: file ${path} is not in or below ${k.dir || '.'} (load restriction)`;
  if (text === undefined) {
    const isDir = [...ctx.files.keys()].some((f) => f.startsWith(`${path}/`));
    return isDir ? `${path} is a directory without a kustomization` : `resource ${path} not found`;
  }
  const loaded = loadResources(path, text, (doc) => ctx.writer({ file: path, doc, via: 'resource' }));
  return typeof loaded === 'string' ? loaded : append(into, loaded);
}

function accumulate(ctx: Ctx, dir: string, into: Res[]): string | undefined {
  const k = ctx.model.kustomizations.get(dir);
  if (!k) return `no kustomization in ${dir || '.'}`;
  if (ctx.stack.includes(dir)) return `cycle: ${[...ctx.stack, dir].join(' → ')}`;
  ctx.stack.push(dir);
  try {
    for (const r of k.resources) {
      const err = loadEntry(ctx, k, r, into);
      if (err) return err;
    }
    // Generators run after the resources and before the components (kusttarget.go accumulateTarget).
    const generated = runGenerators(
      into,
      k,
      () => ctx.writer({ file: k.file, doc: 0, via: 'transformer' }),
      fileReader(ctx.files, ctx.bytes, k.dir, k.file),
    );
    if (generated) return generated;
    for (const c of k.components) {
      const comp = ctx.model.kustomizations.get(c);
      if (comp?.kind !== 'Component') return `${k.file}: component ${c} is not a kustomize Component`;
      const err = accumulate(ctx, c, into);
      if (err) return err;
    }
    return transform(ctx, k, into);
  } finally {
    ctx.stack.pop();
  }
}

/** Runs the kustomization's patches and transformers over `resources` (replaced in place). */
function transform(ctx: Ctx, k: Kustomization, resources: Res[]): string | undefined {
  const w = (): Writer => ctx.writer({ file: k.file, doc: 0, via: 'transformer' });
  const patch = (late: boolean): string | undefined => {
    for (const p of k.patches.filter((x) => Boolean(x.late) === late)) {
      const next = applyPatch(resources, k, p, ctx);
      if (typeof next === 'string') return next;
      resources.splice(0, resources.length, ...next);
    }
    return undefined;
  };
  const early = patch(false);
  if (early) return early;
  if (k.namespace) applyNamespace(resources, k.namespace, w());
  applyAffixes(resources, k, w());
  applyLabels(resources, k, w());
  applyAnnotations(resources, k, w());
  return patch(true) ?? applyReplicas(resources, k, w()) ?? (applyImages(resources, k, w()), undefined);
}

/** Renders the root kustomization in `dir`; refuses roots that include an unmodelled kustomization. */
export function renderRoot(model: KustomizeModel, files: RepoFiles, dir: string): RenderResult {
  const why = unmodelledIn(model, dir);
  if (why) return { ok: false, reason: why };
  const ctx = makeCtx(model, fileMap(files), bytesOf(files));
  const resources: Res[] = [];
  const err = accumulate(ctx, dir, resources);
  if (err) return { ok: false, reason: err };
  // As kustomize's makeCustomizedResMap: hashes once at the root, then the references follow the new names.
  addHashes(resources);
  fixNameReferences(resources);
  return { ok: true, resources: resources.map(toRendered) };
}
