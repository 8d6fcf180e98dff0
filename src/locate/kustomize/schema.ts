/**
 * The kustomization fields the model reads, validated at the edge with one schema (permissive about
 * everything else, which unmodelled.ts judges). Scalars kustomize reads as strings may be written as numbers.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
import { z } from 'zod';

const str = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const strMap = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v))),
);

const target = z.object({
  group: str.optional(),
  version: str.optional(),
  kind: str.optional(),
  name: str.optional(),
  namespace: str.optional(),
  labelSelector: str.optional(),
  annotationSelector: str.optional(),
});

/** `generatorOptions`, or a generator's own `options` (api/types/generatoroptions.go). */
const generatorOptions = z.object({
  labels: strMap.nullish(),
  annotations: strMap.nullish(),
  disableNameSuffixHash: z.boolean().optional(),
  immutable: z.boolean().optional(),
});

/** A configMapGenerator or secretGenerator entry (api/types/configmapargs.go, secretargs.go). */
const generatorArgs = z.object({
  name: str.optional(),
  namespace: str.optional(),
  behavior: str.optional(),
  files: z.array(z.string()).nullish(),
  literals: z.array(z.string()).nullish(),
  envs: z.array(z.string()).nullish(),
  env: z.string().nullish(),
  options: generatorOptions.nullish(),
  type: str.optional(),
});

export type GeneratorOptionsDoc = z.infer<typeof generatorOptions>;
export type GeneratorArgsDoc = z.infer<typeof generatorArgs>;

export const kustomizationSchema = z.object({
  kind: z.string().optional(),
  resources: z.array(z.string()).nullish(),
  bases: z.array(z.string()).nullish(),
  components: z.array(z.string()).nullish(),
  patches: z
    .array(
      z.object({
        path: z.string().optional(),
        patch: z.string().optional(),
        target: target.nullish(),
        options: z.record(z.string(), z.boolean()).optional(),
      }),
    )
    .nullish(),
  patchesStrategicMerge: z.array(z.string()).nullish(),
  patchesJson6902: z
    .array(z.object({ path: z.string().optional(), patch: z.string().optional(), target: target }))
    .nullish(),
  namespace: str.nullish(),
  namePrefix: str.nullish(),
  nameSuffix: str.nullish(),
  commonLabels: strMap.nullish(),
  commonAnnotations: strMap.nullish(),
  labels: z
    .array(
      z.object({
        pairs: strMap.nullish(),
        includeSelectors: z.boolean().optional(),
        includeTemplates: z.boolean().optional(),
        includeVolumeClaimTemplates: z.boolean().optional(),
        fields: z.array(z.unknown()).optional(),
      }),
    )
    .nullish(),
  images: z
    .array(
      z.object({
        name: str,
        newName: str.optional(),
        newTag: str.optional(),
        digest: str.optional(),
        tagSuffix: str.optional(),
      }),
    )
    .nullish(),
  replicas: z.array(z.object({ name: str, count: z.number().int() })).nullish(),
  configMapGenerator: z.array(generatorArgs).nullish(),
  secretGenerator: z.array(generatorArgs).nullish(),
  generatorOptions: generatorOptions.nullish(),
});

export type KustomizationDoc = z.infer<typeof kustomizationSchema>;
