/**
 * Rewrites the committed JSON Schemas from their zod sources (`npm run schemas`). Tests fail when a
 * committed schema differs from what this writes. A development script: it lives outside src/ so it does
 * not ship in dist (issue 11); scripts/tsconfig.json compiles it to .scripts/.
 */
import { writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../src/config/json-schema.js';
import { FINDINGS_SCHEMA_FILE, findingsJsonSchemaText } from '../src/findings/native/schema.js';
import {
  IMAGES_SCHEMA_FILE,
  imagesJsonSchemaText,
  REMEDIATION_SCHEMA_FILE,
  remediationJsonSchemaText,
} from '../src/remediations/json-schema.js';

const outputs: Array<[string, string]> = [
  [CONFIG_SCHEMA_FILE, configJsonSchemaText()],
  [REMEDIATION_SCHEMA_FILE, remediationJsonSchemaText()],
  [FINDINGS_SCHEMA_FILE, findingsJsonSchemaText()],
  [IMAGES_SCHEMA_FILE, imagesJsonSchemaText()],
];

for (const [file, text] of outputs) {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}
