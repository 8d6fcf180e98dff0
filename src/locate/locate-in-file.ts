/**
 * Mapping inside one file: by the line (the document and List item containing it), by the document
 * index, or by kind + name within the file; then a check that the place still holds the object the
 * finding names, since a stale report can point at a document that now holds another.
 */
import type { Finding, Workload } from '../model.js';
import type { IndexedFile, ManifestIndex } from './index-manifests.js';
import { type Located, type MappingRule, type Step, fail } from './step.js';

/** The indexed file a finding's path names: exact, else by unambiguous suffix (scanners print paths relative to where they ran). */
export function findFile(index: ManifestIndex, path: string): Step<IndexedFile> {
  const exact = index.files.get(path);
  if (exact) return { ok: true, value: exact };
  const matches = [...index.files.values()].filter((f) => f.path.endsWith(`/${path}`) || path.endsWith(`/${f.path}`));
  if (matches.length === 1 && matches[0]) return { ok: true, value: matches[0] };
  if (matches.length > 1)
    return fail(
      'ambiguous-path',
      `${path} matches ${matches.length} files (${matches
        .map((m) => m.path)
        .slice(0, 5)
        .join(', ')}); set a path prefix`,
    );
  return fail(
    'file-not-found',
    `${path} is not in the repository (the report may be older than the checkout, or from another directory)`,
  );
}

export function sameObject(w: Workload, f: Finding): boolean {
  const r = f.resource;
  return !r || ((!r.kind || r.kind === w.id.kind) && (!r.name || r.name === w.id.name));
}

export function describeResource(f: Finding): string {
  const r = f.resource ?? {};
  return `${r.kind ?? '?'}/${r.namespace ? `${r.namespace}/` : ''}${r.name ?? '?'}`;
}

/** The document containing the line; a line in a document's leading comments belongs to that document. */
function docAtLine(file: IndexedFile, line: number): number | undefined {
  const doc = file.docs.find((d) => line <= d.lines.end);
  return doc?.index;
}

type Candidates = Step<{ candidates: Workload[]; rule: MappingRule }>;

/** A document that does not parse cannot be mapped into (nor patched): say so rather than "not a workload". */
function docError(file: IndexedFile, doc: number): Candidates | undefined {
  const error = file.docs.find((d) => d.index === doc)?.error;
  return error ? fail('file-unparseable', `${file.path}: ${error.message}`) : undefined;
}

function byLine(file: IndexedFile, f: Finding, line: number): Candidates {
  const doc = docAtLine(file, line);
  if (doc === undefined) return fail('document-not-found', `${file.path} has no document at line ${line}`);
  const broken = docError(file, doc);
  if (broken) return broken;
  const inDoc = file.workloads.filter((w) => w.doc === doc);
  const atLine = inDoc.filter((w) => w.lines && w.lines.start <= line && line <= w.lines.end);
  const candidates = atLine.length ? atLine : inDoc.length === 1 ? inDoc : inDoc.filter((w) => sameObject(w, f));
  return { ok: true, value: { candidates, rule: 'file+line' } };
}

function byDoc(file: IndexedFile, f: Finding, doc: number): Candidates {
  if (!file.docs.some((d) => d.index === doc))
    return fail('document-not-found', `${file.path} has no document ${doc} now; the report is stale`);
  const broken = docError(file, doc);
  if (broken) return broken;
  const inDoc = file.workloads.filter((w) => w.doc === doc);
  return {
    ok: true,
    value: { candidates: inDoc.length > 1 ? inDoc.filter((w) => sameObject(w, f)) : inDoc, rule: 'file+doc' },
  };
}

function byIdentityInFile(file: IndexedFile, f: Finding): Candidates {
  const candidates = f.resource?.name
    ? file.workloads.filter((w) => sameObject(w, f))
    : file.workloads.length === 1
      ? file.workloads
      : [];
  return { ok: true, value: { candidates, rule: 'file+identity' } };
}

export function locateInFile(file: IndexedFile, f: Finding): Step<Located> {
  if (file.helmTemplate)
    return fail('helm-template', `${file.path} is a Helm template; fix the chart's values or template by hand`);
  if (file.error) return fail('file-unparseable', `${file.path}: ${file.error.message}`);
  const loc = f.location;
  const found =
    loc?.startLine !== undefined
      ? byLine(file, f, loc.startLine)
      : loc?.doc !== undefined
        ? byDoc(file, f, loc.doc)
        : byIdentityInFile(file, f);
  if (!found.ok) return found;
  if (!file.kubernetes) return fail('not-kubernetes', `${file.path} holds no Kubernetes objects`);
  const { candidates, rule } = found.value;
  const [workload, ...rest] = candidates;
  if (!workload)
    return fail('not-a-workload', `no pod template for ${describeResource(f)} at that place in ${file.path}`);
  if (rest.length)
    return fail(
      'multiple-definitions',
      `${file.path} defines ${candidates.length} matching workloads; the finding does not say which`,
    );
  // A stale report can point at a document that now holds another object.
  if (!sameObject(workload, f))
    return fail(
      'identity-mismatch',
      `${file.path} now defines ${workload.id.kind}/${workload.id.name} there, not ${describeResource(f)}; the report is stale`,
    );
  return { ok: true, value: { workload, rule } };
}
