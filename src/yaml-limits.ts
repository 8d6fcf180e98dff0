/**
 * The size and nesting limits every file is checked against before it is parsed (src/yaml.ts re-exports
 * them): a file over them is reported with a diagnostic that says by how much, never parsed.
 */
import type { Diagnostic } from './model.js';

/** Codes of the diagnostics checkLimits returns. */
export type LimitCode = 'yaml-too-large' | 'yaml-too-deep';

/** Options of checkLimits (and of parseYamlFile). */
export interface LimitOptions {
  /** Repo-relative path, used in diagnostics. */
  file?: string;
  /** Override of YAML_LIMITS.maxBytes. */
  maxBytes?: number;
  /**
   * Where the text last found within the default limits is kept (a run's ParseMemory): the patch engine
   * checks the text the planner has just parsed, and the same text gives the same answer. Default: none.
   */
  memory?: { withinLimits?: string };
}

/**
 * Limits applied to every file. A YAML bomb ("billion laughs") expands aliases exponentially;
 * `maxAliasCount` stops it at conversion time (see https://eemeli.org/yaml/#tojs-options).
 */
export const YAML_LIMITS = {
  /** Files larger than this are not parsed. Default: 4 MiB. */
  maxBytes: 4 * 1024 * 1024,
  /** Alias nodes resolved per document before conversion stops. Default: 100. */
  maxAliasCount: 100,
  /**
   * Flow collections (`[`, `{`) open at once. `yaml` overflows its stack near 1000 levels, and parsing such
   * input again in the same process can abort Node with a fatal out-of-memory in the RegExp compiler (seen
   * with yaml 2.9 on Node 20), which no try/catch stops; manifests never come close. Default: 256.
   */
  maxFlowDepth: 256,
} as const;

/**
 * The deepest flow nesting in `text`, counted without parsing: every bracket counts, even inside strings,
 * so the figure is an upper bound (strings with unbalanced brackets only make it larger).
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

/** The size and nesting limits, checked before any parse; undefined when the text is within them. */
export function checkLimits(text: string, opts: LimitOptions = {}): Diagnostic<LimitCode> | undefined {
  // Compared by content, so a different text is never taken for the one remembered.
  if (opts.maxBytes === undefined && opts.memory?.withinLimits === text) return undefined;
  const maxBytes = opts.maxBytes ?? YAML_LIMITS.maxBytes;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes)
    return {
      code: 'yaml-too-large',
      message: `file is ${size} bytes, over the ${maxBytes}-byte limit; not parsed`,
      file: opts.file,
    };
  const depth = flowDepth(text);
  if (depth > YAML_LIMITS.maxFlowDepth)
    return {
      code: 'yaml-too-deep',
      message: `flow collections nest ${depth} deep, over the limit of ${YAML_LIMITS.maxFlowDepth}; not parsed`,
      file: opts.file,
    };
  // Passing with a byte limit no larger than the default means passing the default limits too.
  if (maxBytes <= YAML_LIMITS.maxBytes && opts.memory) opts.memory.withinLimits = text;
  return undefined;
}
