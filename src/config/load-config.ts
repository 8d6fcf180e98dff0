/**
 * Validates a kubemend configuration (YAML text or an already-parsed object) against `ConfigSchema`.
 * Every problem is returned with the file, the line (when the text is known) and the key path, so the
 * CLI can print it and the App can report it once in the repository.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../model.js';
import { parseYamlFile } from '../yaml.js';
import { lineOfPath } from '../yaml-path.js';
import { type Config, ConfigSchema } from './schema.js';

export type ConfigDiagnosticCode = 'config-invalid-yaml' | 'config-invalid';

export type ConfigResult =
  { ok: true; config: Config } | { ok: false; diagnostics: Diagnostic<ConfigDiagnosticCode>[] };

/**
 * Parses and validates config text through src/yaml.ts: the same parse options and size, depth and alias
 * limits as every manifest (a YAML bomb is an invalid configuration, not a crash). `file` names the file in
 * messages. Default file: `.github/kubemend.yml`.
 */
export function loadConfigText(text: string, file = '.github/kubemend.yml'): ConfigResult {
  const parsed = parseYamlFile(text, { file });
  const problem = parsed.diagnostics[0] ?? parsed.docs.find((d) => d.error)?.error;
  if (problem) return invalidYaml(file, problem.message, problem.line);
  const [doc, second] = parsed.docs;
  if (second)
    return invalidYaml(file, `${parsed.docs.length} YAML documents; a configuration is one`, second.lines.start);
  if (!doc) return validate({}, file, () => undefined);
  return validate(doc.value ?? {}, file, (path) => lineOfPath(parsed, doc, path));
}

function invalidYaml(file: string, message: string, line: number | undefined): ConfigResult {
  const where = line ? `${file}:${line}` : file;
  return {
    ok: false,
    diagnostics: [{ code: 'config-invalid-yaml', message: `${where}: ${message}`, file, ...(line ? { line } : {}) }],
  };
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

function toDiagnostic(
  issue: z.core.$ZodIssue,
  file: string,
  line: number | undefined,
): Diagnostic<ConfigDiagnosticCode> {
  const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  const where = line ? `${file}:${line}` : file;
  return { code: 'config-invalid', message: `${where}: ${path}: ${issue.message}`, file, ...(line ? { line } : {}) };
}
