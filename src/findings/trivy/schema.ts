/**
 * Trivy JSON, validated permissively. Config scans (`trivy config`, `trivy fs`): `Results[]` with a file
 * `Target` and `CauseMetadata.StartLine/EndLine`. Cluster scans (`trivy k8s`): `Resources[]` (current) or the
 * legacy top-level `Misconfigurations[]`, each with Kind/Namespace/Name and lines of the *live* object.
 * Shapes from trivy `pkg/types/report.go` and `pkg/k8s/report/report.go`.
 */
import { z } from 'zod';

export const TrivyMisconfiguration = z.looseObject({
  ID: z.string(),
  AVDID: z.string().optional(),
  Title: z.string().optional(),
  Message: z.string().optional(),
  Severity: z.string().optional(),
  Status: z.string().optional(),
  CauseMetadata: z.looseObject({ StartLine: z.number().optional(), EndLine: z.number().optional() }).optional(),
});

export const TrivyResult = z.looseObject({
  Target: z.string().optional(),
  Class: z.string().optional(),
  Misconfigurations: z.array(z.unknown()).nullish(),
});

export const TrivyK8sResource = z.looseObject({
  Namespace: z.string().optional(),
  Kind: z.string().optional(),
  Name: z.string().optional(),
  Results: z.array(z.unknown()).nullish(),
});

export const TrivyReport = z.looseObject({
  Results: z.array(z.unknown()).nullish(),
  Resources: z.array(z.unknown()).nullish(),
  Misconfigurations: z.array(z.unknown()).nullish(),
});

export type TrivyMisconfiguration = z.infer<typeof TrivyMisconfiguration>;
