/**
 * The vocabulary of a mapping step: which rule matched, or why the finding cannot be mapped. Every
 * reason is a code the report stage can group by, plus a sentence naming the file or resource.
 */
import type { UnmappedCode, Workload } from '../model.js';
import type { RenderedResource } from './kustomize/types.js';

export type MappingRule =
  'file+line' | 'file+doc' | 'file+identity' | 'identity' | 'identity-any-namespace' | 'kustomize';

/** The codes live in the model, where reports and fronts switch on them. */
export type { UnmappedCode };

export type Step<T> = { ok: true; value: T } | { ok: false; code: UnmappedCode; reason: string };
/** A finding's resource as a Kustomize root renders it, with the roots (environments) that render it. */
export interface KustomizeLocated {
  /** Every root that renders this resource from the same document, sorted. */
  roots: string[];
  rendered: RenderedResource;
  /** The rendered pod template (its pointers are in the rendered object); `file`/`doc` name the origin. */
  workload: Workload;
  /** How the roots were chosen. */
  why: string;
}

export type Located = { workload: Workload; rule: MappingRule; kustomize?: KustomizeLocated };

export function fail<T>(code: UnmappedCode, reason: string): Step<T> {
  return { ok: false, code, reason };
}
