/**
 * Validates a kubemend configuration (YAML text or an already-parsed object) against `ConfigSchema`.
 * Every problem is returned with the file, the line (when the text is known) and the key path, so the
 * CLI can print it and the App can report it once in the repository.
 */
import { isMap, isSeq, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic } from '../model.js';
import { type Config, ConfigSchema } from './schema.js';

export type ConfigDiagnosticCode = 'config-invalid-yaml' | 'config-invalid';

export type ConfigResult = { ok: true; config: Config } | { ok: false; diagnostics: Diagnostic<ConfigDiagnosticCode>[] };

/** Parses and validates config text. `file` names the file in messages. Default file: `.github/kubemend.yml`. */
export function loadConfigText(text: string, file = '.github/kubemend.yml'): ConfigResult {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lineOf(text, first.pos[0]);
    return { ok: false, diagnostics: [{ code: 'config-invalid-yaml', message: `${file}:${line}: ${first.message}`, file, line }] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (err) {
    // The yaml library refuses alias expansion past the limit (billion laughs) by throwing: a broken file, reported like one.
    return { ok: false, diagnostics: [{ code: 'config-invalid-yaml', message: `${file}: ${(err as Error).message}`, file }] };
  }
  return validate(value, file, (path) => lineOfPath(doc.contents, text, path));
}

/** Validates an already-parsed config object (e.g. from Probot's `context.config`, which merges `_extends`). */
export function loadConfigObject(value: unknown, file = '.github/kubemend.yml'): ConfigResult {
  return validate(value ?? {}, file, () => undefined);
}

function validate(value: unknown, file: string, lineFor: (path: PropertyKey[]) => number | undefined): ConfigResult {
  const parsed = ConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, diagnostics: parsed.error.issues.map((issue) => toDiagnostic(issue, file, lineFor(issue.path))) };
}

function toDiagnostic(issue: z.core.$ZodIssue, file: string, line: number | undefined): Diagnostic<ConfigDiagnosticCode> {
  const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  const where = line ? `${file}:${line}` : file;
  return { code: 'config-invalid', message: `${where}: ${path}: ${issue.message}`, file, ...(line ? { line } : {}) };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the deepest node on `path` that exists (a missing key points at its parent). */
function lineOfPath(root: Node | null, text: string, path: PropertyKey[]): number | undefined {
  let node: unknown = root;
  let offset = (root as Node | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lineOf(text, offset);
}
