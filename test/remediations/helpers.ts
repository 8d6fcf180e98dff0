/**
 * Test helpers for the remediation catalog: inline YAML, workloads of a document, and applying planned
 * ops the way the pipeline does (each violation alone; refused ones re-detected on the new value).
 */
import fastJsonPatch from 'fast-json-patch';
import { parse } from 'yaml';
import { type Config, ConfigSchema, type ConfigInput } from '../../src/config/schema.js';
import { findWorkloads } from '../../src/locate/workloads.js';
import type { Operation, Violation, Workload } from '../../src/model.js';
import { type Catalog, detect, loadCatalog } from '../../src/remediations/index.js';

const { applyPatch, deepClone, getValueByPointer } = fastJsonPatch;

let cached: Catalog | undefined;
/** The built-in catalog, loaded once per test file. */
export function catalog(): Catalog {
  cached ??= loadCatalog();
  return cached;
}

/** Strips the common indentation of a template literal (first and last blank lines dropped). */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

/**
 * The config the mechanics tests (planning, levels, merging, exact ops) run with: every safety guard lifted
 * and resource values given, so that each remediation's patch is exercised on any shape. The guards
 * themselves are tested with the real defaults (`defaultsConfig`) in guards.test.ts.
 */
export const MECHANICS: ConfigInput = {
  optIn: [{ remediation: 'all', allow: ['explicit-value', 'image-user', 'image-root', 'image-writes', 'node-agent'] }],
  remediations: {
    options: {
      'memory-limits': { memory: { default: '512Mi' } },
      'cpu-limits': { cpu: { default: '500m' } },
      'resource-requests': { cpu: { default: '100m' }, memory: { default: '128Mi' } },
    },
  },
};

function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b))
    return b === undefined ? a : b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
  return out;
}

const DEFAULT_CONFIG = ConfigSchema.parse(MECHANICS);

/** The mechanics config (see MECHANICS) with `input` merged over it; the default one is shared so option resolution is cached. */
export function config(input?: ConfigInput): Config {
  return input === undefined ? DEFAULT_CONFIG : ConfigSchema.parse(merge(MECHANICS, input));
}

/** The real defaults with `input` merged (no guard lifted): what a repository without a config gets. */
export function defaultsConfig(input: ConfigInput = {}): Config {
  return ConfigSchema.parse(input);
}

export function workloadsOf(value: unknown, file = 'manifests/app.yaml'): Workload[] {
  return findWorkloads(value, file, 0);
}

/** Violations of every workload of a document value. */
export function detectAll(
  value: unknown,
  opts: { only?: string[]; skip?: string[]; cfg?: Config; file?: string } = {},
): Violation[] {
  return workloadsOf(value, opts.file).flatMap((w) => detect(w, catalog(), opts.cfg ?? config(), opts));
}

/**
 * RFC 6902 `add` replaces an existing member; a text patcher cannot, so an `add` planned against a missing
 * member that now exists (another violation created it) is refused, as the patch stage refuses it.
 */
function conflicts(doc: unknown, ops: Operation[]): boolean {
  return ops.some((op) => {
    if (op.op !== 'add' || op.path.endsWith('/-') || /\/\d+$/.test(op.path)) return false;
    try {
      return getValueByPointer(doc, op.path) !== undefined;
    } catch {
      return false;
    }
  });
}

/** Applies one violation's ops to a copy; throws when they are not valid against the value. */
export function applyOps(value: unknown, ops: Operation[]): unknown {
  return applyPatch(deepClone(value), ops, true, false).newDocument;
}

/**
 * The pipeline's contract: apply every fixable violation alone, skip refused ones, re-detect on the new
 * value and apply again, at most 3 rounds. Returns the fixed value and the rounds used.
 */
export function fixAll(
  value: unknown,
  opts: { only?: string[]; cfg?: Config } = {},
): { value: unknown; rounds: number; applied: number } {
  let doc = deepClone(value);
  let applied = 0;
  for (let round = 1; round <= 3; round += 1) {
    const fixable = detectAll(doc, opts).filter((v) => v.ops.length > 0);
    if (fixable.length === 0) return { value: doc, rounds: round - 1, applied };
    for (const v of fixable) {
      if (conflicts(doc, v.ops)) continue;
      doc = applyOps(doc, v.ops);
      applied += 1;
    }
  }
  return { value: doc, rounds: 3, applied };
}

export function yamlValue(text: string): unknown {
  return parse(text);
}
