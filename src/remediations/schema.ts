/**
 * The one schema of a remediation file (`remediations/*.yml`). Detection and patching are data: a small
 * declarative vocabulary (checks, predicates, fixes, conflicts) interpreted by `detect.ts`, plus a few
 * named strategies (`strategies.ts`) for what truly needs code. The JSON Schema editors use is generated
 * from this (`json-schema.ts`, committed at `schemas/remediation.schema.json`).
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'remediation ids are kebab-case');

/** A dotted field path relative to the container or PodSpec; `[*]` walks every item of a list. */
const fieldPath = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9]*(\[\*\])?(\.[A-Za-z][A-Za-z0-9]*(\[\*\])?)*$/,
    'a dotted field path such as securityContext.runAsNonRoot or ports[*].hostPort',
  )
  .describe(
    'Dotted path relative to the container (container scope) or the PodSpec (pod scope); `[*]` walks list items.',
  );

/** A literal, or a reference to one of the remediation's options. */
const optionRef = z.strictObject({ option: z.string().describe('Name of an option of this remediation.') });
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const listOrOption = z.union([z.array(scalar), optionRef]);

export const PredicateSchema = z
  .strictObject({
    equal: scalar.optional().describe('Matches when the value equals this.'),
    not_equal: scalar.optional().describe('Matches when the value differs from this.'),
    in: z.array(scalar).optional().describe('Matches when the value is one of these.'),
    not_in: z.array(scalar).optional().describe('Matches when the value is none of these.'),
    contains: scalar.optional().describe('Matches when the list contains this item.'),
    not_contains: scalar.optional().describe('Matches when the value is not a list containing this item.'),
    contains_any: listOrOption.optional().describe('Matches when the list contains any of these items.'),
    any_value: z.literal(true).optional().describe('Matches any value that is set.'),
    strategy: z
      .enum(['image-unpinned'])
      .optional()
      .describe(
        'A named predicate implemented in code (strategies.ts); image-unpinned reads the boolean option requireDigest when the remediation declares it.',
      ),
    normalise: z
      .enum(['capability'])
      .optional()
      .describe('Normalise strings before comparing: `capability` upper-cases and strips a `CAP_` prefix.'),
  })
  .describe(
    'A condition on one value; every key present must match. Only set values are tested: `unset` decides for missing ones.',
  );

const quantityStrategy = z
  .strictObject({
    name: z.literal('resource-quantity'),
    option: z.string().describe('Option holding the quantity rules (default, per-namespace, per-workload).'),
    prefer: fieldPath
      .optional()
      .describe('When no rule applies, derive the value from this existing field of the container.'),
    factor_option: z
      .string()
      .optional()
      .describe(
        'Number option multiplying the `prefer` field (a limit = request × factor); null disables deriving. Default: factor 1.',
      ),
    min: fieldPath
      .optional()
      .describe('Never produce a value below this existing field (a limit never below its request).'),
    max: fieldPath
      .optional()
      .describe('Never produce a value above this existing field (a request never above its limit).'),
  })
  .describe(
    'Chooses a resource quantity from the rules option, else from an existing field; never invents one (see strategies.ts).',
  );

export const FixSchema = z
  .strictObject({
    action: z
      .enum(['set', 'append', 'remove', 'remove_items', 'report'])
      .describe(
        'set: add or replace the field; append: add an item to the list (creating it); remove: delete the field; remove_items: delete the list items matching `match`; report: never patched.',
      ),
    value: z
      .union([scalar, z.array(scalar), z.record(z.string(), scalar), optionRef])
      .optional()
      .describe('Value for set and append.'),
    value_strategy: quantityStrategy.optional(),
    match: z.union([listOrOption, PredicateSchema]).optional().describe('remove_items: which items to delete.'),
    level: z
      .enum(['container', 'pod', 'auto'])
      .optional()
      .describe(
        'Where the fix is written. auto: the pod when every container fails through an unset or pod-level value and none conflicts (the smaller edit), else each container. Default: the level the check reads.',
      ),
    also_set: z
      .record(fieldPath, optionRef)
      .optional()
      .describe(
        'Extra fields set at the same level, only when the option has a value and the field is not already set (effectively).',
      ),
    only_if_option: z.string().optional().describe('Patch only when this boolean option is true; report otherwise.'),
  })
  .describe('What to do with a failing value.');

export const CheckSchema = z
  .strictObject({
    field: fieldPath,
    effective: z
      .array(z.enum(['container', 'pod']))
      .min(1)
      .optional()
      .describe(
        'Where the value is read, most specific first; the first level that sets it wins (container overrides pod). Default: [container] in container scope, [pod] in pod scope.',
      ),
    unset: z.enum(['fails', 'passes']).describe('Whether a missing value fails the check (reason `unset`).'),
    fails_when: PredicateSchema.describe('A set value failing this is an insecure value (reason `insecure-value`).'),
    fix: FixSchema,
  })
  .describe('One field test.');

export const ConflictSchema = z
  .strictObject({
    field: fieldPath,
    effective: z
      .array(z.enum(['container', 'pod']))
      .min(1)
      .optional()
      .describe('As in a check. Default: as the check level.'),
    when: PredicateSchema,
    reason: z.string().min(1).describe('The skip reason shown in reports: why a human must decide.'),
    unless_option: z
      .string()
      .optional()
      .describe('The conflict is ignored (and the fix applied) when this boolean option is true.'),
  })
  .describe('A setting that makes the automatic fix unsafe: the violation is reported with this reason and no ops.');

export const OptionSchema = z
  .strictObject({
    type: z.enum(['boolean', 'integer', 'number', 'string', 'string-list', 'quantity-rules']),
    description: z.string().min(1),
    default: z.unknown().describe('Default value; null means unset.'),
    minimum: z.number().optional().describe('integer, number: smallest allowed value.'),
    kind: z.enum(['cpu', 'memory']).optional().describe('quantity-rules: which resource the quantities measure.'),
  })
  .describe('One option a repo can override in `remediations.options[id]`.');

export const ControlSchema = z
  .strictObject({
    framework: z.enum(['cis-kubernetes', 'pod-security-standards', 'nsa-cisa', 'nist-800-53', 'soc2', 'nist-800-190']),
    id: z.string().min(1).describe('The control id as the framework writes it (5.2.7, Restricted, CM-6, 4.4.4, ...).'),
    title: z.string().min(1),
    url: z.url().optional(),
    source: z.string().min(1).describe('Where the mapping comes from (document, catalog, tool and path).'),
    rationale: z
      .string()
      .optional()
      .describe('One line: why the setting satisfies the control (required for SOC 2 and NIST SP 800-53).'),
  })
  .refine((c) => !['soc2', 'nist-800-53'].includes(c.framework) || (c.rationale ?? '').length > 0, {
    message: 'SOC 2 and NIST SP 800-53 mappings need a one-line rationale',
  })
  .describe('A compliance control the remediation satisfies, with its source.');

export const AliasesSchema = z
  .strictObject({
    kubescape: z.array(z.string().regex(/^(C-\d{4}|CIS-\d+(\.\d+)+)$/)).default([]),
    trivy: z.array(z.string().regex(/^(AVD-)?KSV-?\d+$/)).default([]),
    checkov: z.array(z.string().regex(/^CKV_K8S_\d+$/)).default([]),
    polaris: z.array(z.string().min(1)).default([]),
    'kube-score': z.array(z.string().min(1)).default([]),
  })
  .describe('Scanner rule ids that resolve to this remediation (any Trivy form: KSV012, AVD-KSV-0012, KSV-0012).');

export const RemediationSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id,
    title: z.string().min(1),
    severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
    scope: z
      .enum(['container', 'pod'])
      .describe(
        'container: one violation per container; pod: one per pod (containers may still be read through `effective`).',
      ),
    rationale: z.string().min(1).describe('Why it matters.'),
    risk: z.string().min(1).describe('What can break, what to test before merging.'),
    guidance: z.string().optional().describe('What a human should do when kubemend does not patch.'),
    behaviour_change: z
      .boolean()
      .default(false)
      .describe('The fix changes runtime behaviour; reviewers must test. Default: false.'),
    containers: z
      .array(z.enum(['containers', 'initContainers', 'ephemeralContainers']))
      .default(['containers', 'initContainers'])
      .describe('Container lists checked. Default: [containers, initContainers].'),
    checks: z.array(CheckSchema).min(1),
    conflicts: z.array(ConflictSchema).default([]),
    options: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), OptionSchema).default({}),
    aliases: AliasesSchema.default(AliasesSchema.parse({})),
    controls: z.array(ControlSchema).default([]),
    guards: z
      .array(z.enum(['node-agent', 'image-user', 'image-root', 'image-writes']))
      .default([])
      .describe(
        'Safety guards that hold the fix back: node-agent (not on node agents), image-user (not on images that run as root or a user name), image-root (not on images that start as root), image-writes (not on images that write outside their mounts). Default: [].',
      ),
  })
  .describe('A kubemend remediation (remediations/*.yml).');

export type Remediation = z.output<typeof RemediationSchema>;
export type Check = z.output<typeof CheckSchema>;
export type Fix = z.output<typeof FixSchema>;
export type Conflict = z.output<typeof ConflictSchema>;
export type Predicate = z.output<typeof PredicateSchema>;
export type OptionDef = z.output<typeof OptionSchema>;
export type Control = z.output<typeof ControlSchema>;
export type Level = 'container' | 'pod';
