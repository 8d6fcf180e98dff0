/**
 * kube-score JSON (`kube-score score --output-format json`), validated permissively. Shape from kube-score
 * `renderer/json_v2/api.go`: a list of scored objects; `grade` is 1 (critical), 5 (warning), 7 (almost OK),
 * 10 (OK); comment `path` holds the container name for container checks. Some versions add
 * `file_name`/`file_row` (the first line of the document).
 */
import { z } from 'zod';

export const KubeScoreCheck = z.looseObject({
  check: z.looseObject({ id: z.string(), name: z.string().optional() }),
  grade: z.union([z.number(), z.string()]).optional(),
  skipped: z.boolean().optional(),
  comments: z
    .array(
      z.looseObject({
        path: z.string().optional(),
        summary: z.string().optional(),
        description: z.string().optional(),
      }),
    )
    .nullish(),
});

export const KubeScoreObject = z.looseObject({
  object_name: z.string(),
  type_meta: z
    .looseObject({ apiVersion: z.string().optional(), api_version: z.string().optional(), kind: z.string().optional() })
    .nullish(),
  object_meta: z.looseObject({ name: z.string().optional(), namespace: z.string().optional() }).nullish(),
  checks: z.array(z.unknown()).nullish(),
  file_name: z.string().optional(),
  file_row: z.number().optional(),
});

export type KubeScoreObject = z.infer<typeof KubeScoreObject>;
export type KubeScoreCheck = z.infer<typeof KubeScoreCheck>;
