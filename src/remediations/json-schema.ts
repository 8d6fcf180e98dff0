/**
 * The JSON Schema of a remediation file, generated from the one zod source (`RemediationSchema`).
 * Committed at `schemas/remediation.schema.json`; `npm run schemas` rewrites it and a test fails when stale.
 */
import { z } from 'zod';
import { RemediationSchema } from './schema.js';

export const REMEDIATION_SCHEMA_FILE = 'schemas/remediation.schema.json';

/** The generated schema as the exact text committed (2-space JSON, trailing newline). */
export function remediationJsonSchemaText(): string {
  const schema = z.toJSONSchema(RemediationSchema, { io: 'input', target: 'draft-2020-12' });
  const withId = { ...schema, $id: 'https://github.com/kubemend/kubemend/schemas/remediation.schema.json', title: 'kubemend remediation' };
  return `${JSON.stringify(withId, null, 2)}\n`;
}
