/**
 * Remediation options: each file declares its options (type, default, description); a repo overrides
 * them in `remediations.options[id]`, validated here against that declaration.
 */
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import type { Diagnostic } from '../model.js';
import type { OptionDef, Remediation } from './schema.js';
import { parseQuantity } from './strategies.js';

export type OptionsDiagnosticCode = 'remediation-options-invalid' | 'remediation-unknown';

const quantity = z
  .union([z.string(), z.number()])
  .refine((q) => parseQuantity(q) !== undefined, 'not a Kubernetes quantity (e.g. 500m, 512Mi)')
  .transform(String);

function optionSchema(def: OptionDef): z.ZodType {
  switch (def.type) {
    case 'boolean':
      return z.boolean();
    case 'integer':
      return def.minimum === undefined ? z.number().int() : z.number().int().min(def.minimum);
    case 'number':
      return def.minimum === undefined ? z.number() : z.number().min(def.minimum);
    case 'string':
      return z.string();
    case 'string-list':
      return z.array(z.string());
    case 'quantity-rules':
      return z.strictObject({
        default: quantity.nullable().optional(),
        namespaces: z.record(z.string(), quantity).optional(),
        workloads: z.record(z.string(), quantity).optional(),
      });
  }
}

/** The zod schema of a remediation's options (every key optional: defaults fill the rest). */
export function optionsSchema(rem: Remediation): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, def] of Object.entries(rem.options)) shape[name] = optionSchema(def).nullable().optional();
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}

/** The defaults merged with a config override; a quantity-rules override replaces only the keys it sets. */
function merge(rem: Remediation, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(rem.options)) {
    const given = override[name];
    out[name] =
      def.type === 'quantity-rules' && given && typeof given === 'object'
        ? { ...(def.default as object), ...given }
        : given !== undefined
          ? given
          : def.default;
  }
  return out;
}

/** Checks the repo config against the catalog (ids named anywhere, option values); one diagnostic per problem. */
export function checkRemediationConfig(
  byId: Map<string, Remediation>,
  config: Config,
): Diagnostic<OptionsDiagnosticCode>[] {
  const out: Diagnostic<OptionsDiagnosticCode>[] = [];
  // A typo in an id would otherwise silently change nothing.
  const named: Array<[string, string]> = [
    ...Object.keys(config.remediations.options).map((id): [string, string] => [`remediations.options.${id}`, id]),
    ...Object.keys(config.remediations.severity).map((id): [string, string] => [`remediations.severity.${id}`, id]),
    ...(config.remediations.enabled === 'all' ? [] : config.remediations.enabled).map((id, i): [string, string] => [
      `remediations.enabled[${i}]`,
      id,
    ]),
    ...config.remediations.disabled.map((id, i): [string, string] => [`remediations.disabled[${i}]`, id]),
    ...config.ignore.map((rule, i): [string, string] => [`ignore[${i}].remediation`, rule.remediation]),
  ];
  for (const [where, id] of named) {
    if (id !== 'all' && !byId.has(id))
      out.push({ code: 'remediation-unknown', message: `${where}: no remediation with id "${id}"` });
  }
  for (const [id, given] of Object.entries(config.remediations.options)) {
    const rem = byId.get(id);
    if (!rem) continue;
    const parsed = optionsSchema(rem).safeParse(given);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const where = [`remediations.options.${id}`, ...issue.path.map(String)].join('.');
      const keys =
        'keys' in issue
          ? ` (${(issue.keys as string[]).join(', ')}; known: ${Object.keys(rem.options).join(', ') || 'none'})`
          : '';
      out.push({ code: 'remediation-options-invalid', message: `${where}: ${issue.message}${keys}` });
    }
  }
  return out;
}

/** The options one remediation runs with. Throws when the config's options are invalid (check them first). */
export function resolveOptions(rem: Remediation, config: Config): Record<string, unknown> {
  const given = config.remediations.options[rem.id] ?? {};
  const parsed = optionsSchema(rem).safeParse(given);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`remediations.options.${rem.id}.${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  return merge(rem, parsed.data);
}
