/**
 * Kubescape JSON reports, validated permissively: only the fields kubemend reads, everything else passes
 * through. v2 (`formatVersion: v2`, kubescape ≥ 2.0): `results[]` per resource plus `resources[]` with the
 * object and its source file. v1: a list of framework reports with `controlReports[].ruleReports[].ruleResponses[]`.
 * Shapes from kubescape `reporthandling` (v1) and `reporthandling/results/v1/resourcesresults` (v2).
 */
import { z } from 'zod';

const PathEntry = z.looseObject({
  resourceID: z.string().optional(),
  failedPath: z.string().optional(),
  deletePath: z.string().optional(),
  reviewPath: z.string().optional(),
  fixPath: z.looseObject({ path: z.string(), value: z.unknown().optional() }).optional(),
});

const RuleV2 = z.looseObject({
  name: z.string().optional(),
  status: z.string().optional(),
  paths: z.array(PathEntry).nullish(),
});

export const KubescapeControlV2 = z.looseObject({
  controlID: z.string(),
  name: z.string().optional(),
  status: z.looseObject({ status: z.string().optional() }).optional(),
  rules: z.array(RuleV2).nullish(),
});

export const KubescapeResultV2 = z.looseObject({
  resourceID: z.string(),
  controls: z.array(z.unknown()).nullish(),
});

export const KubescapeResourceV2 = z.looseObject({
  resourceID: z.string(),
  object: z.looseObject({ sourcePath: z.string().optional() }).nullish(),
  source: z.looseObject({ relativePath: z.string().optional() }).nullish(),
});

export const KubescapeReportV2 = z.looseObject({
  results: z.array(z.unknown()).nullish(),
  resources: z.array(z.unknown()).nullish(),
});

export const KubescapeRuleResponseV1 = z.looseObject({
  alertMessage: z.string().optional(),
  failedPaths: z.array(z.string()).nullish(),
  fixPaths: z.array(z.looseObject({ path: z.string() })).nullish(),
  deletePaths: z.array(z.string()).nullish(),
  reviewPaths: z.array(z.string()).nullish(),
  alertScore: z.number().optional(),
  alertObject: z.looseObject({ k8sApiObjects: z.array(z.unknown()).nullish() }).optional(),
});

export const KubescapeControlReportV1 = z.looseObject({
  controlID: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  ruleReports: z
    .array(z.looseObject({ name: z.string().optional(), ruleResponses: z.array(z.unknown()).nullish() }))
    .nullish(),
});

export const KubescapeFrameworkV1 = z.looseObject({
  name: z.string().optional(),
  controlReports: z.array(z.unknown()),
});

export type KubescapeControlV2 = z.infer<typeof KubescapeControlV2>;
export type KubescapeRuleResponseV1 = z.infer<typeof KubescapeRuleResponseV1>;
