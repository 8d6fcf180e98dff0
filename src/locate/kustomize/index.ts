/**
 * The Kustomize model: kustomizations parsed from a repository's files, roots rendered as
 * `kustomize build` would, and the provenance (file, document, pointer) of every rendered field.
 */
export { buildKustomizeModel } from './build-model.js';
export { renderRoot } from './render.js';
export type {
  FieldSource,
  ImageRule,
  Kustomization,
  KustomizeModel,
  LabelRule,
  PatchRef,
  PatchTarget,
  RenderedResource,
  RenderResult,
  ReplicaRule,
  RepoFiles,
  ResourceIdentity,
} from './types.js';
