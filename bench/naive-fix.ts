/**
 * The naive peer of `kubemend fix` (issue 11, "Speed as a process"): parse every YAML file under a folder with
 * `yaml`, set on the Document the fields kubemend's default fixes set, and write the re-stringified text. It
 * loses comments' places, quotes and indentation (that is the point: it is what fidelity costs). Run as a
 * process by process-bench.ts: `node .bench/bench/naive-fix.js <dir>`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, parseAllDocuments, YAMLMap } from 'yaml';

const POD_PATHS = [['spec'], ['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];
const CONTAINER = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true };

function fixDocument(doc: Document): boolean {
  const pod = POD_PATHS.map((p) => doc.getIn(p)).find((n) => n instanceof YAMLMap && n.has('containers'));
  if (!(pod instanceof YAMLMap)) return false;
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) pod.delete(key);
  pod.set('automountServiceAccountToken', false);
  pod.setIn(['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault');
  for (const list of ['initContainers', 'containers']) {
    for (const c of (pod.get(list) as { items?: unknown[] } | undefined)?.items ?? []) {
      if (!(c instanceof YAMLMap)) continue;
      for (const [k, v] of Object.entries(CONTAINER)) c.setIn(['securityContext', k], v);
      if (c.getIn(['securityContext', 'privileged'])) c.setIn(['securityContext', 'privileged'], false);
      c.setIn(['securityContext', 'capabilities', 'drop'], doc.createNode(['ALL']));
    }
  }
  return true;
}

function fixFile(path: string): void {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'));
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return;
  // A field of an unexpected shape (`seccompProfile: null`, a scalar `securityContext`) makes `setIn` throw:
  // the file is left as it is, and the walk goes on (an uncaught throw would stop the peer at the first one).
  try {
    if (docs.map(fixDocument).some(Boolean)) writeFileSync(path, docs.map((d) => d.toString()).join('---\n'));
  } catch {
    return;
  }
}

function walk(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(entry.name)) fixFile(path);
  }
}

walk(process.argv[2] ?? '.');
