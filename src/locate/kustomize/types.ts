/**
 * The shapes of the Kustomize model: kustomizations as parsed from the repo, the resources a root renders,
 * and the provenance of each rendered field. Plain data; nothing here does I/O.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */

/** A patch target selector (`patches[].target`, `patchesJson6902[].target`). Name and namespace are regexes. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One patch of a kustomization, whatever field it was written in. */
export interface PatchRef {
  kind: 'strategic-merge' | 'json6902';
  /** The kustomization field the patch is listed in. */
  field: 'patchesStrategicMerge' | 'patches' | 'patchesJson6902';
  /** Repo-relative path of the patch file, when the patch is a file. */
  file?: string;
  /** Document index in `file`: undefined means every document of the file. */
  doc?: number;
  /** True when the patch text is written inside the kustomization (`patch:` or an inline `patchesStrategicMerge` entry). */
  inline?: boolean;
  /** For an inline patch: its text, and the JSON pointer of that text in the kustomization document. */
  text?: string;
  pointer?: string;
  target?: PatchTarget;
  /**
   * True for `patchesJson6902` entries: kustomize applies them after the namespace, name affixes, labels
   * and annotations of the same kustomization (the other patches come before those).
   */
  late?: boolean;
}

/** `images[]` of a kustomization, with the pointer of the entry. */
export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  pointer: string;
}

/** `replicas[]` of a kustomization. */
export interface ReplicaRule {
  name: string;
  count: number;
  pointer: string;
}

/** One `labels[]` entry, or commonLabels (includeSelectors true). */
export interface LabelRule {
  pairs: Record<string, string>;
  includeSelectors: boolean;
  includeTemplates: boolean;
  /** Also a StatefulSet's volumeClaimTemplates (implied by includeSelectors). */
  includeVolumeClaimTemplates: boolean;
  pointer: string;
}

/** One source of a generator's key/value pairs, in kustomize's load order (env files, literals, files). */
export interface GeneratorSource {
  kind: 'env' | 'literal' | 'file';
  /** The literal text (`k=v`), or the repo-relative path of the env file or file read. */
  value: string;
  /** For a file: the key (the basename, or the name before `=`). */
  key?: string;
  /** Pointer of the entry in the kustomization (e.g. `/configMapGenerator/0/files/1`). */
  pointer: string;
  /** kustomize's error for a malformed entry (the render fails with it). */
  error?: string;
}

/** A label or annotation a generator writes, with the pointer of the option that set it. */
export interface GeneratorMeta {
  key: string;
  value: string;
  pointer: string;
}

/**
 * One `configMapGenerator` or `secretGenerator` entry, with `generatorOptions` merged in as kustomize does
 * (types.MergeGlobalOptionsIntoLocal: local labels and annotations win, a global true wins for the booleans).
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/configmapgenerator/
 */
export interface GeneratorRule {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  behavior: 'create' | 'merge' | 'replace' | 'unspecified';
  sources: GeneratorSource[];
  labels: GeneratorMeta[];
  annotations: GeneratorMeta[];
  disableNameSuffixHash: boolean;
  immutable: boolean;
  /** A Secret's `type` (default `Opaque`). */
  type?: string;
  /** Pointer of the entry (`/configMapGenerator/0`). */
  pointer: string;
}

export interface Kustomization {
  /** Repo-relative POSIX directory ('' for the repo root). */
  dir: string;
  /** Repo-relative path of the kustomization file. */
  file: string;
  /** 'Kustomization' or 'Component'. */
  kind: 'Kustomization' | 'Component';
  /** `resources` and `bases`, resolved repo-relative (files or directories). */
  resources: string[];
  /** `components`, resolved repo-relative. */
  components: string[];
  /** Why this kustomization cannot be modelled, or undefined. */
  unmodelled?: string;
  /** Every patch, normalised, in the order kustomize applies them (patchesStrategicMerge, patches, then patchesJson6902). */
  patches: PatchRef[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  labels: LabelRule[];
  commonAnnotations?: Record<string, string>;
  images: ImageRule[];
  replicas: ReplicaRule[];
  /** configMapGenerator entries, then secretGenerator entries (kustomize runs them in that order). */
  generators: GeneratorRule[];
}

export interface KustomizeModel {
  /** Every kustomization in the repo by directory ('' for the root dir), parsed. */
  kustomizations: Map<string, Kustomization>;
  /** Directories of roots: kustomizations not referenced as a resource/base/component by another one. */
  roots: string[];
}

/** Where a rendered field's value was written: the file, YAML document and JSON pointer *in that document*. */
export interface FieldSource {
  file: string;
  doc: number;
  /**
   * JSON pointer in the document that wrote the value. For an inline patch (`file` is then the
   * kustomization), the pointer is inside the patch's own YAML document (see `inline`).
   * For a transformer, the pointer of the kustomization field that set it (e.g. `/images/0`).
   */
  pointer: string;
  via: 'resource' | 'strategic-merge' | 'json6902' | 'transformer';
  /** For an inline patch: where its text sits in the kustomization and which document of that text. */
  inline?: { pointer: string; doc: number };
}

export interface ResourceIdentity {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface RenderedResource {
  id: ResourceIdentity;
  object: Record<string, unknown>;
  /** The resource document it came from. */
  origin: { file: string; doc: number };
  /** Patches applied to it, in order. An inline patch names the kustomization and where its text sits. */
  patchedBy: Array<{ file: string; doc: number; kind: PatchRef['kind']; inline?: { pointer: string; doc: number } }>;
  /**
   * The source of the value at `pointer` (RFC 6901, in the rendered object); undefined when unset.
   * For an object or array, the last writer of anything inside it.
   */
  sourceOf(pointer: string): FieldSource | undefined;
}

export type RenderResult = { ok: true; resources: RenderedResource[] } | { ok: false; reason: string };

/**
 * The repository's files, as given to the model. `bytes`, when given, are a file's exact content: a
 * generator reads them for a file that is not UTF-8 text (ConfigMap binaryData).
 */
export type RepoFiles = Array<{ path: string; text: string; bytes?: Uint8Array }> | Map<string, string>;
