/**
 * The JSON Schema of a remediation file, generated from the one zod source (`RemediationSchema`).
 * Committed at `schemas/remediation.schema.json`; `npm run schemas` rewrites it and a test fails when stale.
 */
import { z } from 'zod';
import { ImagesFileSchema } from './images/schema.js';
import { RemediationSchema } from './schema.js';

export const REMEDIATION_SCHEMA_FILE = 'schemas/remediation.schema.json';

/** The generated schema as the exact text committed (2-space JSON, trailing newline). */
export function remediationJsonSchemaText(): string {
  const schema = z.toJSONSchema(RemediationSchema, { io: 'input', target: 'draft-2020-12' });
  const withId = {
    ...schema,
    $id: 'https://github.com/kubemend/kubemend/schemas/remediation.schema.json',
    title: 'kubemend remediation',
  };
  return `${JSON.stringify(withId, null, 2)}\n`;
}

export const IMAGES_SCHEMA_FILE = 'schemas/images.schema.json';

/** The JSON Schema of an image knowledge file (`remediations/images/*.yml`), as committed. */
export function imagesJsonSchemaText(): string {
  const schema = z.toJSONSchema(ImagesFileSchema, { io: 'input', target: 'draft-2020-12' });
  const withId = {
    ...schema,
    $id: 'https://github.com/kubemend/kubemend/schemas/images.schema.json',
    title: 'kubemend image knowledge',
  };
  return `${JSON.stringify(withId, null, 2)}\n`;
}
