/**
 * Why a kustomization cannot be modelled: any field that changes the output in a way the model does not
 * reproduce. The model never guesses: a root that includes such a kustomization is reported with the reason.
 */

/** Fields the model reproduces (or that never change the output). */
const MODELLED = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'bases',
  'components',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'commonAnnotations',
  'labels',
  'images',
  'replicas',
  'generatorOptions',
  'configMapGenerator',
  'secretGenerator',
]);

/** The fields of a generator entry and of its options the model reproduces (generators.ts). */
const GENERATOR_FIELDS = new Set([
  'name',
  'namespace',
  'behavior',
  'files',
  'literals',
  'envs',
  'env',
  'options',
  'type',
]);
const OPTION_FIELDS = new Set(['labels', 'annotations', 'disableNameSuffixHash', 'immutable']);

/** What each known unmodelled field does, for the reason. */
const WHY: Record<string, string> = {
  helmCharts: 'renders Helm charts',
  helmGlobals: 'renders Helm charts',
  helmChartInflationGenerator: 'renders Helm charts',
  replacements: 'copies values between resources (replacements)',
  vars: 'substitutes $(VAR) references (vars)',
  generators: 'runs generator plugins',
  transformers: 'runs transformer plugins',
  validators: 'runs validator plugins',
  openapi: 'uses a custom OpenAPI schema (changes merge keys)',
  crds: 'declares CRD schemas (changes merge keys and name references)',
  configurations: 'customises transformer field specs (configurations)',
  sortOptions: 'reorders the output (sortOptions)',
  buildMetadata: 'adds build metadata annotations and labels',
  inventory: 'adds an inventory object',
};

function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) ||
    entry.startsWith('git@') ||
    /[?&]ref=/.test(entry)
  );
}

/** The files a generator reads (`files`, `envs`, `env`), for the reason. */
function filesRead(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((g) => {
    if (!g || typeof g !== 'object') return [];
    const { files, envs, env } = g as { files?: unknown; envs?: unknown; env?: unknown };
    return [...(Array.isArray(files) ? files : []), ...(Array.isArray(envs) ? envs : []), ...(env ? [env] : [])].map(
      String,
    );
  });
}

const keysOf = (v: unknown): string[] => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);

/** A generator field outside the model: `kvSources` (plugins), `options.fileMerge`, a ConfigMap `type`. */
function generatorFieldReason(doc: Record<string, unknown>): string | undefined {
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    const list = Array.isArray(doc[field]) ? (doc[field] as unknown[]) : [];
    for (const [i, g] of list.entries()) {
      const extra = keysOf(g).find((k) => !GENERATOR_FIELDS.has(k) || (k === 'type' && field === 'configMapGenerator'));
      if (extra) return `${field}[${i}].${extra}: a generator field the model does not reproduce`;
      const option = keysOf((g as { options?: unknown }).options).find((k) => !OPTION_FIELDS.has(k));
      if (option) return `${field}[${i}].options.${option}: a generator option the model does not reproduce`;
    }
  }
  const option = keysOf(doc.generatorOptions).find((k) => !OPTION_FIELDS.has(k));
  return option ? `generatorOptions.${option}: a generator option the model does not reproduce` : undefined;
}

/** The reason `doc` (a kustomization's plain value) cannot be modelled, or undefined. */
export function unmodelledReason(doc: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(doc)) {
    if (MODELLED.has(key) || doc[key] === null) continue;
    if (Array.isArray(doc[key]) && (doc[key] as unknown[]).length === 0) continue;
    const read = key.endsWith('Generator') ? filesRead(doc[key]) : [];
    return `${key}: ${WHY[key] ?? 'a field the model does not know'}${read.length ? `; reads ${read.join(', ')}` : ''}`;
  }
  for (const key of ['resources', 'bases', 'components']) {
    const list = doc[key];
    const remote = Array.isArray(list) ? list.find((e) => typeof e === 'string' && isRemote(e)) : undefined;
    if (remote) return `${key}: remote base ${String(remote)} (not in the repository)`;
  }
  const generator = generatorFieldReason(doc);
  if (generator) return generator;
  const patches = Array.isArray(doc.patches) ? doc.patches : [];
  const withOptions = patches.findIndex((p) => p && typeof p === 'object' && (p as { options?: unknown }).options);
  if (withOptions >= 0)
    return `patches[${withOptions}].options: name or kind changes by patch (allowNameChange/allowKindChange)`;
  const labels = Array.isArray(doc.labels) ? doc.labels : [];
  const fields = labels.findIndex((l) => l && typeof l === 'object' && (l as { fields?: unknown }).fields);
  if (fields >= 0) return `labels[${fields}].fields: custom label field specs`;
  const images = Array.isArray(doc.images) ? doc.images : [];
  const suffix = images.findIndex((i) => i && typeof i === 'object' && (i as { tagSuffix?: unknown }).tagSuffix);
  if (suffix >= 0) return `images[${suffix}].tagSuffix: not modelled`;
  return undefined;
}
