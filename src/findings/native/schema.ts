/**
 * kubemend's native findings format, for any tool without a parser of its own: a versioned envelope and a
 * list of findings in the shape of `Finding` (src/model.ts). This zod schema is the one source; the JSON
 * Schema committed at `schemas/findings.schema.json` is generated from it (`npm run schemas`), and a test
 * fails when the committed copy is stale. Documented in docs/findings.md.
 */
import { z } from 'zod';

export const NATIVE_FORMAT = 'kubemend-findings';
export const FINDINGS_SCHEMA_FILE = 'schemas/findings.schema.json';

export const NativeFinding = z.looseObject({
  tool: z.string().min(1).describe('The scanner that reported it, e.g. "my-scanner".'),
  ruleId: z.string().min(1).describe("The scanner's rule id; resolved to a remediation through the catalog's aliases."),
  remediation: z
    .string()
    .optional()
    .describe('A kubemend remediation id, when the producer already knows it. Default: resolved from tool + ruleId.'),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']).optional(),
  message: z
    .string()
    .describe(
      "Human-readable description; container names written as \"Container 'x' of Deployment 'y'\" are recovered.",
    ),
  resource: z
    .looseObject({
      apiVersion: z.string().optional(),
      kind: z.string().optional(),
      namespace: z.string().optional(),
      name: z.string().optional(),
      labels: z
        .record(z.string(), z.string())
        .optional()
        .describe(
          "The live object's labels (cluster scans): Flux's kustomize.toolkit.fluxcd.io/name, app.kubernetes.io/instance, ...",
        ),
      annotations: z
        .record(z.string(), z.string())
        .optional()
        .describe("The live object's annotations: argocd.argoproj.io/tracking-id, config.kubernetes.io/origin, ..."),
    })
    .optional()
    .describe(
      'Identity of the Kubernetes object; used when there is no location, or to check it. Labels and annotations of a live object trace it to the repository path that built it.',
    ),
  location: z
    .looseObject({
      path: z.string().min(1).describe('Repo-relative POSIX path of the manifest.'),
      startLine: z.number().int().min(1).optional().describe('1-based line inside the object.'),
      endLine: z.number().int().min(1).optional(),
      doc: z.number().int().min(0).optional().describe('0-based YAML document index in the file.'),
    })
    .optional(),
  container: z
    .looseObject({
      name: z.string().optional(),
      index: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe('Checked against the manifest as it is now; a stale index is refused.'),
      type: z.enum(['containers', 'initContainers', 'ephemeralContainers']).optional().describe('Default: containers.'),
    })
    .optional(),
  suggestedFix: z.array(z.string()).optional().describe("The scanner's own suggested fix paths, informational."),
});

export const NativeReport = z.looseObject({
  format: z.literal(NATIVE_FORMAT),
  version: z.literal(1),
  findings: z
    .array(z.unknown())
    .describe('Each item is a finding (see $defs.finding); invalid items are reported and skipped.'),
});

/** The generated JSON Schema as the exact text committed (2-space JSON, trailing newline). */
export function findingsJsonSchemaText(): string {
  const envelope = z.object({
    format: z.literal(NATIVE_FORMAT),
    version: z.literal(1),
    findings: z.array(NativeFinding),
  });
  const schema = z.toJSONSchema(envelope, { io: 'input', target: 'draft-2020-12' });
  const withId = {
    ...schema,
    $id: 'https://github.com/kubemend/kubemend/schemas/findings.schema.json',
    title: 'kubemend native findings',
  };
  return `${JSON.stringify(withId, null, 2)}\n`;
}
