/**
 * locate: index a repo's manifests and map findings to the file, document, workload and container that
 * define them. Pure: no network, and the disk only for the optional symlink check.
 */
export {
  type IndexedDoc,
  type IndexedFile,
  type IndexOptions,
  type ManifestIndex,
  type RepoFile,
  identityKey,
  indexFile,
  indexManifests,
  isHelmTemplate,
} from './index-manifests.js';
export { type ParallelIndexOptions, indexManifestsParallel } from './index-parallel.js';
export {
  type MapOptions,
  type MappedFinding,
  type MappingRule,
  type UnmappedCode,
  mapFindings,
} from './map-findings.js';
export { normaliseFindingPath, symlinkEscape } from './safe-path.js';
export { type ContainerCode, selectContainer } from './select-container.js';
