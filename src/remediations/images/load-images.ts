/**
 * Reads image knowledge files (`images/*.yml` beside the catalog, or in a repository's
 * `remediations.directory`) through the one YAML wrapper and validates them; every problem is reported at
 * once, each naming its file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../model.js';
import { parseYamlFile } from '../../yaml.js';
import type { ImageKnowledge } from './lookup-image.js';
import { type ImageEntry, ImagesFileSchema } from './schema.js';

export type ImagesDiagnosticCode = 'images-invalid';

/** The `*.yml`/`*.yaml` files of `<dir>/images`, in name order; none when the folder does not exist. */
export function readImageFiles(dir: string): Array<{ path: string; text: string }> {
  const folder = join(dir, 'images');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: join(folder, f), text: readFileSync(join(folder, f), 'utf8') }));
}

/** Whether a remediation-directory file is an image knowledge file (in its `images/` folder). */
export function isImageFile(path: string): boolean {
  return /(^|\/)images\/[^/]+\.ya?ml$/.test(path);
}

/** The entries of one file, or its problems (parsed and validated: no compiled result is used). */
export function validateImagesFile(file: { path: string; text: string }): {
  entries: ImageEntry[];
  diagnostics: Diagnostic<ImagesDiagnosticCode>[];
} {
  const parsed = parseYamlFile(file.text, { file: file.path });
  const problem = parsed.diagnostics[0] ?? parsed.docs[0]?.error;
  const fail = (message: string) => ({
    entries: [],
    diagnostics: [{ code: 'images-invalid' as const, message: `${file.path}: ${message}`, file: file.path }],
  });
  if (problem) return fail(problem.message);
  if (parsed.docs.length !== 1) return fail(`expected one YAML document, found ${parsed.docs.length}`);
  const result = ImagesFileSchema.safeParse(parsed.docs[0]?.value);
  if (!result.success)
    return fail(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return { entries: result.data.images, diagnostics: [] };
}

/**
 * Knowledge from files in priority order: pass a repository's files before the built-in ones, so a team's
 * entry for its own image (or a correction) wins. `compiled` gives the entries the build already validated
 * for a text (load-catalog.ts), when it did.
 */
export function imageKnowledgeFrom(
  files: Array<{ path: string; text: string }>,
  compiled: (text: string) => ImageEntry[] | undefined = () => undefined,
): { knowledge: ImageKnowledge; diagnostics: Diagnostic<ImagesDiagnosticCode>[] } {
  const results = files.map((f) => {
    const entries = compiled(f.text);
    return entries ? { entries, diagnostics: [] } : validateImagesFile(f);
  });
  return {
    knowledge: { entries: results.flatMap((r) => r.entries) },
    diagnostics: results.flatMap((r) => r.diagnostics),
  };
}
