/**
 * The shared vocabulary of the pipeline stages:
 * findings → locate → remediations → patch → report → github → app.
 * Stages take and return these plain-data shapes; nothing here does I/O.
 */
import type { Operation } from 'fast-json-patch';

export type { Operation };

/** A problem found by a stage; `code` is a string-literal union owned by the stage that emits it. */
export interface Diagnostic<C extends string = string> {
  code: C;
  message: string;
  /** Repo-relative POSIX path, when the problem is tied to a file. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** 0-based YAML document index inside `file`, when known. */
  doc?: number;
  /**
   * Why, as a phrase reports add after their own words for the code (a chart template kubemend could not
   * render: `not rendered (helm-unsupported: ...)`), so they never take it apart from `message`.
   */
  detail?: string;
}

/**
 * Git's file modes as tree listings give them (https://docs.github.com/rest/git/trees#get-a-tree): a regular
 * file, an executable, a symbolic link. A commit writes a file back with the mode it was read with.
 */
export type FileMode = '100644' | '100755' | '120000';

/**
 * A file of a repository snapshot before it is read: a tree listing's entry or a directory walk's. The
 * selection rule (src/pipeline/select-files.ts) decides on these which files are read.
 */
export interface RepoEntry {
  /** Repo-relative POSIX path; the path every report shows. */
  path: string;
  /** Git blob sha, when read from GitHub (pull request metadata records it to notice manifest changes). */
  sha?: string;
  /** Size in bytes, when the listing gives it (GitHub's tree, the disk). */
  size?: number;
  /** Git mode, when known. Absent: a regular file. */
  mode?: FileMode;
}

/**
 * One file shape from tree to commit: read from disk (CLI) or through the GitHub API (App, Action), run
 * through the pipeline, and written back (`text` replaced, the rest kept).
 */
export interface RepoFile extends RepoEntry {
  text: string;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Identity of a Kubernetes object. `namespace` is absent when the manifest does not set one. */
export interface ResourceId {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';

/** A container of a pod template, by list and position as the manifest is *now*. */
export interface ContainerRef {
  type: ContainerType;
  name: string;
  index: number;
}

/** A pod template found in a manifest document (a Pod, a workload's template, a CronJob's job template, a List item). */
export interface Workload {
  /** Repo-relative POSIX path. */
  file: string;
  /** 0-based document index in the file. */
  doc: number;
  /** JSON pointer (RFC 6901) to the Kubernetes object inside the document: '' or '/items/3'. */
  pointer: string;
  /** JSON pointer to the PodSpec inside the document, e.g. '/spec/template/spec'. */
  podSpecPointer: string;
  /** JSON pointer to the pod template's metadata (for a Pod, the object's own metadata). */
  podMetaPointer: string;
  id: ResourceId;
  /** The Kubernetes object (plain JS value, as parsed). */
  object: Record<string, unknown>;
  /** The PodSpec (plain JS value, as parsed). */
  podSpec: Record<string, unknown>;
  /** 1-based inclusive line range of the object in the file, when known. */
  lines?: { start: number; end: number };
  /**
   * Why this is not a whole workload (a Kustomize patch a kustomization lists): it is merged over a base,
   * so every field it lacks comes from elsewhere and must never be filled with defaults.
   */
  partial?: string;
}

/** Why a check fails: the field is missing, or it is set to an insecure value (a riskier change). */
export type FailureReason = 'unset' | 'insecure-value';

/** Where a finding came from: one scanner rule (or kubemend's own detection). */
export interface FindingSource {
  tool: string;
  ruleId: string;
}

/** One scanner result, normalised. Every field but tool/ruleId/message may be missing: formats differ. */
export interface Finding extends FindingSource {
  /** Remediation id resolved through the catalog's aliases; absent = no automatic fix. */
  remediation?: string;
  severity?: Severity;
  resource?: Partial<ResourceId>;
  location?: { path: string; startLine?: number; endLine?: number; doc?: number };
  container?: { name?: string; index?: number; type?: ContainerType };
  message: string;
  /** The scanner's own suggested fix paths (e.g. Kubescape fixPaths), informational. */
  suggestedFix?: string[];
  /**
   * Metadata of the live object a cluster scan saw: GitOps tools leave their marks there (Argo CD's
   * tracking-id, Flux's labels, kustomize's origin annotation), which tell which repository path built it.
   */
  live?: { labels: Record<string, string>; annotations: Record<string, string> };
}

/**
 * Why a failure is not fixed automatically, as a code reports and scripts can branch on:
 * - `already-compliant`: the manifest no longer fails (fixed by hand since the scan); not a failure;
 * - `disabled`: the configuration disables the remediation;
 * - `exempted`: an annotation, a scanner's suppression, a config `ignore` rule, or a mirror pod;
 * - `conflict`: another setting makes the fix unsafe (`runAsUser: 0`, a Bidirectional mount, a Windows pod);
 * - `report-only`: the remediation never patches this (needs a human), or its patch option is off;
 * - `explicit-value`: the manifest sets the insecure value explicitly: a human's choice, kept unless opted in;
 * - `image-user`: the image runs as root or as a user name the kubelet cannot verify, so `runAsNonRoot`
 *   would stop the container from starting;
 * - `image-root`: the image starts as root and its entrypoint steps down (needs CHOWN/SETUID), so dropping
 *   ALL capabilities would stop it;
 * - `image-writes`: the image writes to its root filesystem at paths no volume covers;
 * - `node-agent`: a workload that mounts hostPath and uses host namespaces or privileged mode;
 * - `partial-manifest`: a Kustomize patch or a workload without images, which must not be filled with defaults;
 * - `needs-value`: no value to write (resource quantities are never invented);
 * - `file-error`: the file has a YAML error and is left untouched;
 * - `patch-refused`: the patch engine could not apply or verify the change;
 * - `not-converged`: the change overlaps one that was not applied, or needed more rounds;
 * - `kustomize-unplaced`: a fix on a rendered resource has no file it can be written in (a transformer, an
 *   inline patch, several files);
 * - `render-mismatch`: after the edit, a Kustomize root no longer renders the fix, or renders something else
 *   differently: the edit is undone;
 * - `helm-no-value`: the chart offers no value for the field (the template writes it, or no value renders
 *   exactly the fix): no opt-in, the chart's template must change (or the chart offer a value);
 * - `helm-disabled`: the chart renders the context only when an `enabled` flag is on, and it is off: no
 *   opt-in, turning it on would render every field of that context at once; set it yourself and run again;
 * - `helm-not-verifiable`: the field comes from a template construct kubemend does not evaluate (`tpl` of
 *   a value, `.Files`, random or generated values): no opt-in, a fix kubemend cannot verify is never written.
 */
export type SkipCode =
  | 'already-compliant'
  | 'disabled'
  | 'exempted'
  | 'conflict'
  | 'report-only'
  | 'explicit-value'
  | 'image-user'
  | 'image-root'
  | 'image-writes'
  | 'node-agent'
  | 'partial-manifest'
  | 'needs-value'
  | 'file-error'
  | 'patch-refused'
  | 'not-converged'
  | 'kustomize-unplaced'
  | 'render-mismatch'
  | 'helm-no-value'
  | 'helm-disabled'
  | 'helm-not-verifiable';

/** How a fix is written where it lands: in the manifest itself, a Kustomize patch, or a Helm values file. */
export type FixFormat = 'manifest' | 'kustomize-patch' | 'helm-values';

/**
 * Where a violation's fix is written, when that is not the detected workload's own document (issue 11):
 * a file, a document in it, the JSON pointer the ops are relative to, and how the file is read. Helm fixes
 * name a values file (`helm-values`, pointer of the values root); Kustomize fixes of a rendered resource name
 * the base resource (`manifest`) or the patch file (`kustomize-patch`) that the ops were rewritten for, or
 * the new overlay patch kubemend adds.
 */
export interface FixTarget {
  /** Repo-relative POSIX path. */
  file: string;
  /** 0-based document index in `file`. */
  doc: number;
  /** JSON pointer (in the document) that the fix's values paths hang from: '' or '/spec/values'. */
  pointer: string;
  format: FixFormat;
}

/** Why a failure is not fixed, with what a reviewer needs to act on it. */
export interface Skip {
  code: SkipCode;
  /** One human sentence: what is kept and why. */
  reason: string;
  /** The config entry (one line of flow YAML) that gets the fix applied anyway, when a guard held it back. */
  optIn?: string;
  /** A link to what backs the reason (the image's Dockerfile or docs). */
  source?: string;
  /** JSON pointer (in the document) of the explicit value that is kept, for `explicit-value`. */
  pointer?: string;
  /** 1-based line of that value, filled in by the pipeline. */
  line?: number;
  /** The comment beside (or right above) that value, filled in by the pipeline. */
  comment?: string;
}

/** A failing check on a workload, as detected by kubemend or mapped from a finding. */
export interface Violation {
  remediation: string;
  workload: Workload;
  /** null for pod-level remediations. */
  container: ContainerRef | null;
  reason: FailureReason;
  message: string;
  /** RFC 6902 operations relative to the *document* root; empty when not fixable. */
  ops: Operation[];
  /** Why it is not fixed automatically (needs a human, exempted, conflicting setting, ...); absent = fixable. */
  skip?: Skip;
  /** The fix changes runtime behaviour (removes a capability, a host namespace, ...): reviewers must test. */
  behaviourChange?: boolean;
  /** What a reviewer should know about this workload before merging ("image user unknown: ..."). */
  evidence?: string[];
  /** JSON pointers of explicit values the fix changes (opted in), whose comments the pipeline reports. */
  explicit?: string[];
  /**
   * Set when the finding was on a resource rendered by Kustomize roots and the ops were rewritten for the
   * file that must change: the roots, and the ops as they apply to the rendered resource (checked by
   * rendering after the patch).
   */
  kustomize?: {
    roots: string[];
    rendered: Array<{ path: string; value?: unknown; op: string }>;
    why: string;
    renderedName: string;
    /** Write the fix as a strategic-merge patch in the roots' overlays: the shared base is set differently elsewhere. */
    overlay?: { because: string[]; located: unknown };
  };
  /**
   * Where the fix is written; absent = the workload's own document (`workload.file`, `workload.doc`, ops
   * relative to the document root). Results are grouped by this file.
   */
  target?: FixTarget;
  /** Set when the workload was rendered from a Helm chart: the template and line, the release's values. */
  helm?: { chart: string; release: string; template: string; line: number };
  /** Scanner rules that reported it; empty for kubemend's own detection. */
  sources: FindingSource[];
}

/** A fix that was applied and verified. */
export interface AppliedFix {
  remediation: string;
  resource: ResourceId;
  container: ContainerRef | null;
  reason: FailureReason;
  ops: Operation[];
  doc: number;
  behaviourChange: boolean;
  /** What a reviewer should check on this workload before merging, with its evidence. Default: []. */
  evidence: string[];
  sources: FindingSource[];
  /** The Kustomize roots whose rendering the finding was on, when it was fixed at its source through them. */
  kustomizeRoots?: string[];
}

/** A failure kubemend knows about and did not fix, with the reason. */
export interface SkippedFix extends Omit<Skip, 'pointer'> {
  remediation: string;
  resource: ResourceId;
  container: ContainerRef | null;
  doc?: number;
  sources: FindingSource[];
}

/** The outcome for one file. `after === before` when nothing changed. */
export interface FileResult {
  path: string;
  before: string;
  after: string;
  changed: boolean;
  fixes: AppliedFix[];
  skipped: SkippedFix[];
  /** Set when the file could not be parsed or patched at all; the file is then untouched. */
  error?: Diagnostic;
  /** The file is new (an overlay patch kubemend adds); `before` is ''. */
  created?: boolean;
}

/**
 * Why a finding was not mapped to a fix, as a code reports and fronts switch on (the `reason` beside it is
 * for people and may change wording). Codes:
 * - `no-automatic-fix`: the scanner rule maps to no remediation in the catalog;
 * - `unsafe-path`: the finding's path escapes the repository (absolute, `..`, a link out);
 * - `outside-paths`: the file or resource is outside the configured `paths`;
 * - `file-not-found` / `ambiguous-path`: the path names no file, or several, in the snapshot;
 * - `helm-template`: the resource is in a Helm template, not YAML until rendered;
 * - `file-unparseable` / `not-kubernetes`: the file has a YAML error, or holds no Kubernetes objects;
 * - `document-not-found`: no document at the finding's line or index (the file changed since the scan);
 * - `not-a-workload`: the resource at that place has no pod template;
 * - `identity-mismatch`: the place now defines another resource than the finding names;
 * - `no-identity`: the finding names neither a file nor a resource;
 * - `not-found`: no manifest defines the resource;
 * - `multiple-definitions`: several files or documents define it (e.g. Kustomize overlays), none is chosen;
 * - `kustomize-unmodelled`: a Kustomize root kubemend does not model may render it;
 * - `container-not-found` / `container-index-stale` / `container-unverified`: the container the finding
 *   names is not there, or is named only by an index that may be stale.
 */
export type UnmappedCode =
  | 'no-automatic-fix'
  | 'unsafe-path'
  | 'outside-paths'
  | 'file-not-found'
  | 'ambiguous-path'
  | 'helm-template'
  | 'file-unparseable'
  | 'not-kubernetes'
  | 'document-not-found'
  | 'not-a-workload'
  | 'identity-mismatch'
  | 'no-identity'
  | 'not-found'
  | 'multiple-definitions'
  | 'kustomize-unmodelled'
  | 'container-not-found'
  | 'container-index-stale'
  | 'container-unverified';

/** A finding that could not be mapped to a manifest, with the reason. */
export interface UnmappedFinding {
  finding: Finding;
  code: UnmappedCode;
  /** One human sentence naming the file or resource; never compared, switch on `code`. */
  reason: string;
}

export interface RunSummary {
  files: number;
  filesChanged: number;
  fixes: number;
  skipped: number;
  errors: number;
  unmapped: number;
}

export interface RunResult {
  files: FileResult[];
  /** The changes split by remediation (pipeline option `partition`), each file patched with that remediation alone. */
  partitions?: Array<{ key: string; files: FileResult[] }>;
  unmapped: UnmappedFinding[];
  diagnostics: Diagnostic[];
  summary: RunSummary;
}
