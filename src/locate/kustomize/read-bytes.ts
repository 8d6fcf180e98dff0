/**
 * The bytes a generator reads from a repository file. Files usually arrive as text decoded from UTF-8; a
 * file that was not UTF-8 shows U+FFFD where its bytes were, and those bytes are lost, so such a file is
 * read only when its exact `bytes` were given. kustomize's default load restriction applies: the file must
 * be in or below the kustomization's directory.
 */
import type { ReadBytes } from './kv-pairs.js';
import type { RepoFiles } from './types.js';

/** The exact bytes given for some files (RepoFiles entries with `bytes`). */
export function bytesOf(files: RepoFiles): Map<string, Uint8Array> {
  if (files instanceof Map) return new Map();
  return new Map(files.flatMap((f) => (f.bytes ? [[f.path, f.bytes] as const] : [])));
}

/** A reader for the generators of the kustomization `file` in `dir`. */
export function fileReader(
  files: Map<string, string>,
  bytes: Map<string, Uint8Array>,
  dir: string,
  file: string,
): ReadBytes {
  return (path) => {
    if (dir !== '' && !path.startsWith(`${dir}/`))
      return `${file}: file ${path} is not in or below ${dir} (load restriction)`;
    const exact = bytes.get(path);
    if (exact) return exact;
    const text = files.get(path);
    if (text === undefined) return `file ${path} not found`;
    if (text.includes('\uFFFD'))
      return `file ${path} is not UTF-8 text as read (its bytes are unknown; binaryData needs them)`;
    return new TextEncoder().encode(text);
  };
}
