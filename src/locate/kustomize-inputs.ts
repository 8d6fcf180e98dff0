/**
 * Files a kustomization reads besides manifests: the sources of its `configMapGenerator` and
 * `secretGenerator` entries (`files`, `env`, `envs`: `application.properties`, `config.env`). They are not
 * YAML, so the manifest globs never read them; without them the roots that use generators cannot render.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/configmapgenerator/
 */
import { posix } from 'node:path';
import { parseYamlFile } from '../yaml.js';
import { isObject } from './workloads.js';

/** Whether `path` names a kustomization file. */
export function isKustomizationPath(path: string): boolean {
  return /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(path);
}

/** Repo-relative paths of the generator sources a kustomization (at `path`, with `text`) reads. */
export function generatorInputs(path: string, text: string): string[] {
  const doc = parseYamlFile(text, { file: path }).docs[0]?.value;
  if (!isObject(doc)) return [];
  const dir = posix.dirname(path);
  const out: string[] = [];
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    const entries = Array.isArray(doc[key]) ? doc[key] : [];
    for (const e of entries.filter(isObject)) {
      const sources = [
        ...(Array.isArray(e.files) ? e.files : []),
        ...(typeof e.env === 'string' ? [e.env] : []),
        ...(Array.isArray(e.envs) ? e.envs : []),
      ];
      for (const s of sources.filter((x): x is string => typeof x === 'string')) {
        const file = s.includes('=') ? s.slice(s.indexOf('=') + 1) : s;
        const joined = posix.normalize(posix.join(dir === '.' ? '' : dir, file));
        // Remote sources and paths leaving the repository are the model's to refuse, not ours to read.
        if (!/^[a-z]+:\/\//i.test(file) && !joined.startsWith('../') && joined !== '..') out.push(joined);
      }
    }
  }
  return out;
}
