/**
 * SARIF 2.1.0, validated permissively: only run/tool/result/location fields kubemend reads
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html). kube-score puts the line in
 * `contextRegion` instead of `region` (kube-score `renderer/sarif/sarif.go`).
 */
import { z } from 'zod';

const Region = z.looseObject({ startLine: z.number().optional(), endLine: z.number().optional() });

export const SarifResult = z.looseObject({
  ruleId: z.string().optional(),
  ruleIndex: z.number().optional(),
  rule: z.looseObject({ id: z.string().optional(), index: z.number().optional() }).optional(),
  kind: z.string().optional(),
  level: z.string().optional(),
  message: z.looseObject({ text: z.string().optional(), markdown: z.string().optional() }).optional(),
  suppressions: z.array(z.unknown()).optional(),
  locations: z
    .array(
      z.looseObject({
        physicalLocation: z
          .looseObject({
            artifactLocation: z
              .looseObject({ uri: z.string().optional(), uriBaseId: z.string().optional() })
              .optional(),
            region: Region.optional(),
            contextRegion: Region.optional(),
          })
          .optional(),
      }),
    )
    .nullish(),
});

const Rule = z.looseObject({
  id: z.string(),
  properties: z.looseObject({ 'security-severity': z.union([z.string(), z.number()]).optional() }).optional(),
  defaultConfiguration: z.looseObject({ level: z.string().optional() }).optional(),
});

export const SarifRun = z.looseObject({
  tool: z.looseObject({ driver: z.looseObject({ name: z.string(), rules: z.array(Rule).nullish() }) }),
  results: z.array(z.unknown()).nullish(),
});

export const SarifLog = z.looseObject({ version: z.string().optional(), runs: z.array(z.unknown()) });

export type SarifResult = z.infer<typeof SarifResult>;
export type SarifRun = z.infer<typeof SarifRun>;
