/**
 * The remediation catalog stage: load and validate `remediations/*.yml`, resolve scanner rule ids, and
 * detect violations with planned RFC 6902 ops. See README.md for the contract.
 */
export {
  type Catalog,
  type CatalogDiagnosticCode,
  type CatalogResult,
  type LoadCatalogOptions,
  type RemediationFile,
  BUILTIN_DIR,
  loadCatalog,
  tryLoadCatalog,
} from './load-catalog.js';
export { detect, detectOne, effectiveSeverity, isEnabled } from './detect.js';
export { checkRemediationConfig, type OptionsDiagnosticCode, resolveOptions } from './options.js';
export { IGNORE_ANNOTATION, exemptionOf } from './exemptions.js';
export { normaliseRuleId } from './aliases.js';
export { REMEDIATION_SCHEMA_FILE, remediationJsonSchemaText } from './json-schema.js';
export type { Check, Conflict, Control, Fix, OptionDef, Predicate, Remediation } from './schema.js';
export { RemediationSchema } from './schema.js';
