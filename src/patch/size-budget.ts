/**
 * A patched file stays within YAML_LIMITS.maxBytes. Every later read of it applies that limit (the
 * pipeline's next round, the next run, the App's next sweep): a file that fixes pushed over it could never be
 * scanned or fixed again, and whatever was still to fix in it would vanish from the report. So the documents
 * of one call are admitted in file order while the file stays within the limit, and the changes of a document
 * that would cross it are refused with `patch-too-large`, saying so.
 */
import { YAML_LIMITS } from '../yaml.js';

/** The byte size of the text being patched, and the check of each document's growth against the limit. */
export interface SizeBudget {
  /** Whether replacing `[start, end)` of `text` with `next.text` keeps the file within the limit; if so, counts it. */
  admit(text: string, next: { start: number; end: number; text: string }): boolean;
  /** The refusal message for document `index`, after `admit` said no. */
  message(index: number): string;
}

/** A budget for patching `text` (`maxBytes` overrides the limit, for tests). Default: YAML_LIMITS.maxBytes. */
export function sizeBudget(text: string, maxBytes: number = YAML_LIMITS.maxBytes): SizeBudget {
  let size = Buffer.byteLength(text, 'utf8');
  let refusedAt = size;
  return {
    admit(whole, next) {
      const grown =
        size + Buffer.byteLength(next.text, 'utf8') - Buffer.byteLength(whole.slice(next.start, next.end), 'utf8');
      if (grown <= maxBytes) {
        size = grown;
        return true;
      }
      refusedAt = grown;
      return false;
    },
    message(index) {
      return `with document ${index} patched the file would be ${refusedAt} bytes, over the ${maxBytes}-byte limit that every later read applies; not applied (split the file to fix the rest)`;
    },
  };
}
