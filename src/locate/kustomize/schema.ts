/**
 * The kustomization fields the model reads, validated at the edge with one schema (permissive about
 * everything else, which unmodelled.ts judges). Scalars kustomize reads as strings may be written as numbers.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
import { z } from 'zod';

const str = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const strMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v))));

const target = z.object({
  group: str.optional(),
  version: str.optional(),
  kind: str.optional(),
  name: str.optional(),
  namespace: str.optional(),
  labelSelector: str.optional(),
  annotationSelector: str.optional(),
});

export const kustomizationSchema = z.object({
  kind: z.string().optional(),
  resources: z.array(z.string()).nullish(),
  bases: z.array(z.string()).nullish(),
  components: z.array(z.string()).nullish(),
  patches: z.array(z.object({ path: z.string().optional(), patch: z.string().optional(), target: target.nullish(), options: z.record(z.string(), z.boolean()).optional() })).nullish(),
  patchesStrategicMerge: z.array(z.string()).nullish(),
  patchesJson6902: z.array(z.object({ path: z.string().optional(), patch: z.string().optional(), target: target })).nullish(),
  namespace: str.nullish(),
  namePrefix: str.nullish(),
  nameSuffix: str.nullish(),
  commonLabels: strMap.nullish(),
  commonAnnotations: strMap.nullish(),
  labels: z.array(z.object({
    pairs: strMap.nullish(),
    includeSelectors: z.boolean().optional(),
    includeTemplates: z.boolean().optional(),
    includeVolumeClaimTemplates: z.boolean().optional(),
    fields: z.array(z.unknown()).optional(),
  })).nullish(),
  images: z.array(z.object({ name: str, newName: str.optional(), newTag: str.optional(), digest: str.optional(), tagSuffix: str.optional() })).nullish(),
  replicas: z.array(z.object({ name: str, count: z.number().int() })).nullish(),
});

export type KustomizationDoc = z.infer<typeof kustomizationSchema>;
