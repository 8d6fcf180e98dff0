/**
 * GitHub code-scanning alerts, validated permissively: the REST shape (`GET /repos/{owner}/{repo}/code-scanning/alerts`,
 * https://docs.github.com/en/rest/code-scanning/code-scanning) and the `alert` of the `code_scanning_alert`
 * webhook, which lacks `most_recent_instance` in older payloads.
 */
import { z } from 'zod';

const Location = z.looseObject({
  path: z.string().optional(),
  start_line: z.number().optional(),
  end_line: z.number().optional(),
});

export const CodeScanningInstance = z.looseObject({
  state: z.string().nullish(),
  message: z.looseObject({ text: z.string().optional() }).nullish(),
  location: Location.nullish(),
});

export const CodeScanningAlert = z.looseObject({
  number: z.number().optional(),
  state: z.string().nullish(),
  rule: z.looseObject({
    id: z.string().nullish(),
    name: z.string().optional(),
    severity: z.string().nullish(),
    security_severity_level: z.string().nullish(),
    description: z.string().optional(),
  }),
  tool: z.looseObject({ name: z.string().optional() }).optional(),
  most_recent_instance: CodeScanningInstance.nullish(),
  /** Older webhook payloads carry `instances` instead of `most_recent_instance`. */
  instances: z.array(CodeScanningInstance).nullish(),
});

export type CodeScanningAlert = z.infer<typeof CodeScanningAlert>;
