/**
 * The JSON Schema of `.github/kubemend.yml`, generated from the one zod source (`ConfigSchema`).
 * The committed copy lives at `schemas/kubemend-config.schema.json` (editors autocomplete with it);
 * `npm run schemas` rewrites it and a test fails when it is stale.
 */
import { z } from 'zod';
import { ConfigSchema } from './schema.js';

export const CONFIG_SCHEMA_FILE = 'schemas/kubemend-config.schema.json';

/** The generated schema as the exact text committed (2-space JSON, trailing newline). */
export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' });
  const withId = {
    ...schema,
    $id: 'https://github.com/kubemend/kubemend/schemas/kubemend-config.schema.json',
    title: 'kubemend configuration',
  };
  return `${JSON.stringify(withId, null, 2)}\n`;
}
