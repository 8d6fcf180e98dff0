/**
 * The patch engine: RFC 6902 operations applied as minimal text edits to a manifest file, every change
 * verified by re-parsing. Pure, no I/O. Design, invariants and refusal codes: ./README.md.
 */
import { checkLimits } from '../yaml.js';
import { applyJsonChanges } from './json.js';
import { partitionOverlaps } from './overlaps.js';
import type { Change, PatchOptions, PatchResult, Refusal } from './types.js';
import { applyYamlChanges } from './yaml-file.js';

export { partitionOverlaps } from './overlaps.js';
export type { Change, PatchCode, PatchOptions, PatchResult, Refusal } from './types.js';

/**
 * Applies each change as minimal text edits; every applied change is verified; refused ones change nothing.
 * Documents that do not parse are left alone (their changes refused); other documents are still patched.
 * Changes whose paths overlap an earlier change's are refused (`patch-conflict`), never silently merged.
 * The result stays within the size limit: changes that would push the file over it are refused.
 */
export function applyChanges(text: string, changes: Change[], opts: PatchOptions = {}): PatchResult {
  // The same size and nesting limits for JSON: jsonc-parser recurses too.
  const limit = checkLimits(text, opts.memory ? { memory: opts.memory } : {});
  if (limit)
    return {
      text,
      applied: [],
      refused: changes.map((c) => ({
        id: c.id,
        code: limit.code === 'yaml-too-deep' ? 'patch-too-deep' : 'patch-too-large',
        message: limit.message,
      })),
    };
  const { batch, deferred } = partitionOverlaps(changes, (c) => c);
  const conflicts: Refusal[] = deferred.map((c) => ({
    id: c.id,
    code: 'patch-conflict',
    message: 'its paths overlap an earlier change of this call; re-plan it on the patched text',
  }));
  const out =
    opts.format === 'json' ? applyJsonChanges(text, batch) : applyYamlChanges(text, batch, opts.memory, opts.file);
  return { text: out.text, applied: out.applied, refused: [...out.refused, ...conflicts] };
}
