/**
 * One kustomization file as the model's Kustomization: paths resolved repo-relative, every patch form
 * normalised to a PatchRef, transformer settings with the pointers that set them, and the reason it
 * cannot be modelled when it uses a feature outside the model.
 */
import { posix } from 'node:path';
import { parseYamlFile } from '../../yaml.js';
import { generatorRules } from './parse-generators.js';
import { kustomizationSchema, type KustomizationDoc } from './schema.js';
import type { ImageRule, Kustomization, LabelRule, PatchRef, PatchTarget, ReplicaRule } from './types.js';
import { unmodelledReason } from './unmodelled.js';

/** A path of a kustomization, resolved against its directory; undefined when it leaves the repository. */
export function resolvePath(dir: string, p: string): string | undefined {
  const joined = posix.normalize(posix.join(dir || '.', p)).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return undefined;
  return joined === '.' ? '' : joined;
}

/** Whether a patch text or file is RFC 6902 (a list of operations) or a strategic-merge patch. */
export function patchKindOf(text: string | undefined): PatchRef['kind'] {
  const first = text === undefined ? undefined : parseYamlFile(text).docs[0]?.value;
  return Array.isArray(first) ? 'json6902' : 'strategic-merge';
}

function cleanTarget(t: PatchTarget | null | undefined): PatchTarget | undefined {
  if (!t) return undefined;
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as PatchTarget;
}

interface Ctx {
  dir: string;
  files: Map<string, string>;
  problems: string[];
}

function resolveAll(ctx: Ctx, field: string, list: string[] | null | undefined): string[] {
  return (list ?? []).flatMap((p) => {
    const r = resolvePath(ctx.dir, p);
    if (r === undefined) ctx.problems.push(`${field}: ${p} is outside the repository`);
    return r === undefined ? [] : [r];
  });
}

function pathPatch(ctx: Ctx, field: string, p: string, kind?: PatchRef['kind']): Omit<PatchRef, 'field'> | undefined {
  const file = resolvePath(ctx.dir, p);
  if (file === undefined) ctx.problems.push(`${field}: ${p} is outside the repository`);
  else if (!ctx.files.has(file)) ctx.problems.push(`${field}: patch file ${file} not found`);
  return file === undefined ? undefined : { kind: kind ?? patchKindOf(ctx.files.get(file)), file };
}

function listPatches(ctx: Ctx, k: KustomizationDoc): PatchRef[] {
  const out: PatchRef[] = [];
  (k.patchesStrategicMerge ?? []).forEach((p, i) => {
    if (p.includes('\n'))
      out.push({
        kind: 'strategic-merge',
        field: 'patchesStrategicMerge',
        inline: true,
        text: p,
        pointer: `/patchesStrategicMerge/${i}`,
      });
    else {
      const ref = pathPatch(ctx, 'patchesStrategicMerge', p, 'strategic-merge');
      if (ref) out.push({ ...ref, field: 'patchesStrategicMerge' });
    }
  });
  const later: PatchRef[] = [];
  for (const [field, list, into] of [
    ['patches', k.patches, out],
    ['patchesJson6902', k.patchesJson6902, later],
  ] as const) {
    (list ?? []).forEach((p, i) => {
      const target = cleanTarget(p.target);
      const fixed = field === 'patchesJson6902' ? 'json6902' : undefined;
      if (p.patch !== undefined)
        into.push({
          kind: fixed ?? patchKindOf(p.patch),
          field,
          inline: true,
          text: p.patch,
          pointer: `/${field}/${i}/patch`,
          ...(target ? { target } : {}),
        });
      else if (p.path !== undefined) {
        const ref = pathPatch(ctx, field, p.path, fixed);
        if (ref) into.push({ ...ref, field, ...(target ? { target } : {}) });
      } else ctx.problems.push(`${field}[${i}] has neither path nor patch`);
    });
  }
  return [...out, ...later.map((p) => ({ ...p, late: true }))];
}

function labelRules(k: KustomizationDoc): LabelRule[] {
  const rules: LabelRule[] = (k.labels ?? []).map((l, i) => ({
    pairs: l.pairs ?? {},
    includeSelectors: l.includeSelectors ?? false,
    includeTemplates: l.includeTemplates ?? false,
    includeVolumeClaimTemplates: l.includeVolumeClaimTemplates ?? false,
    pointer: `/labels/${i}/pairs`,
  }));
  if (k.commonLabels)
    rules.push({
      pairs: k.commonLabels,
      includeSelectors: true,
      includeTemplates: true,
      includeVolumeClaimTemplates: true,
      pointer: '/commonLabels',
    });
  return rules;
}

/** Parses the kustomization in `file` (text `text`); `files` resolves patch files to tell their kind. */
export function parseKustomization(file: string, text: string, files: Map<string, string>): Kustomization {
  const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const empty: Kustomization = {
    dir,
    file,
    kind: 'Kustomization',
    resources: [],
    components: [],
    patches: [],
    labels: [],
    images: [],
    replicas: [],
    generators: [],
  };
  const parsed = parseYamlFile(text, { file });
  const doc = parsed.docs[0];
  const problem = parsed.diagnostics[0] ?? doc?.error;
  if (problem) return { ...empty, unmodelled: `invalid YAML: ${problem.message}` };
  const value = doc?.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value) || value === null)
    return { ...empty, unmodelled: 'not a mapping' };
  const reason = unmodelledReason(value as Record<string, unknown>);
  const checked = kustomizationSchema.safeParse(value);
  if (!checked.success)
    return {
      ...empty,
      unmodelled:
        reason ??
        `invalid kustomization: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    };
  const k = checked.data;
  const ctx: Ctx = { dir, files, problems: [] };
  const images: ImageRule[] = (k.images ?? []).map((i, n) => ({ ...i, pointer: `/images/${n}` }));
  const replicas: ReplicaRule[] = (k.replicas ?? []).map((r, n) => ({ ...r, pointer: `/replicas/${n}` }));
  const result: Kustomization = {
    ...empty,
    kind: k.kind === 'Component' ? 'Component' : 'Kustomization',
    resources: resolveAll(ctx, 'resources', [...(k.resources ?? []), ...(k.bases ?? [])]),
    components: resolveAll(ctx, 'components', k.components),
    patches: reason ? [] : listPatches(ctx, k),
    ...(k.namespace ? { namespace: k.namespace } : {}),
    ...(k.namePrefix ? { namePrefix: k.namePrefix } : {}),
    ...(k.nameSuffix ? { nameSuffix: k.nameSuffix } : {}),
    labels: labelRules(k),
    ...(k.commonAnnotations ? { commonAnnotations: k.commonAnnotations } : {}),
    images,
    replicas,
    generators: reason ? [] : generatorRules(dir, files, ctx.problems, k),
  };
  const why = reason ?? ctx.problems[0];
  return why ? { ...result, unmodelled: why } : result;
}
