/** The patch engine's public shapes (re-exported by index.ts). */
import type { Operation } from '../model.js';
import type { ParseMemory } from '../yaml.js';

/** One remediation on one place: RFC 6902 ops with paths relative to document `doc`'s root. */
export interface Change {
  id: string;
  doc: number;
  ops: Operation[];
}

/** Why a change was refused; see README.md for when each applies. */
export type PatchCode =
  | 'patch-doc-unparseable'
  | 'patch-doc-missing'
  | 'patch-too-large'
  | 'patch-too-deep'
  | 'patch-alias'
  | 'patch-merge-key'
  | 'patch-path-missing'
  | 'patch-unsupported'
  | 'patch-verify-failed'
  | 'patch-invalid-op'
  | 'patch-conflict'
  | 'patch-internal-error';

/** A change that was not applied, and why; it changed nothing. */
export interface Refusal {
  id: string;
  code: PatchCode;
  message: string;
}

/** The outcome of applyChanges for one file. */
export interface PatchResult {
  /** The new text; the original text, byte for byte, when nothing applied. */
  text: string;
  /** Ids of the changes applied and verified, in input order. */
  applied: string[];
  refused: Refusal[];
}

/** Options of applyChanges. */
export interface PatchOptions {
  /** 'json' edits through jsonc-parser (document 0 only). Default: 'yaml'. */
  format?: 'yaml' | 'json';
  /**
   * Repo-relative path of the file: the documents `memory` holds for it are those parsed under this path.
   * Refusal messages do not repeat it (the caller reports refusals with the file). Default: none.
   */
  file?: string;
  /**
   * The run's parse memory (src/yaml-documents.ts): the documents the planner parsed are patched from it
   * without parsing again, and each verified document is kept in it for the next parse of the file.
   * Default: none (the file is parsed here).
   */
  memory?: ParseMemory;
}
