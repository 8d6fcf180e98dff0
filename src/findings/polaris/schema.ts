/**
 * Polaris audit JSON (`polaris audit --format json`), validated permissively. Shape from polaris
 * `pkg/validator/output.go`: controller results with pod and per-container check maps.
 */
import { z } from 'zod';

export const PolarisCheck = z.looseObject({
  ID: z.string().optional(),
  Message: z.string().optional(),
  Success: z.boolean(),
  Severity: z.string().optional(),
  Mutations: z.array(z.looseObject({ Path: z.string().optional() })).nullish(),
});

const CheckMap = z.record(z.string(), z.unknown()).nullish();

export const PolarisResult = z.looseObject({
  Name: z.string(),
  Namespace: z.string().optional(),
  Kind: z.string(),
  Results: CheckMap,
  PodResult: z
    .looseObject({
      Results: CheckMap,
      ContainerResults: z.array(z.looseObject({ Name: z.string(), Results: CheckMap })).nullish(),
    })
    .nullish(),
});

export const PolarisReport = z.looseObject({ Results: z.array(z.unknown()).nullish() });

export type PolarisResult = z.infer<typeof PolarisResult>;
