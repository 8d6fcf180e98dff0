/**
 * Looks an image up in the knowledge files: the first entry whose repository equals the image's and whose
 * tag glob matches wins, so tag-specific entries come before the general one (distroless `nonroot` tags).
 */
import picomatch from 'picomatch';
import type { ImageEntry } from './schema.js';
import { parseImage } from './parse-image.js';

/** Image knowledge: entries in priority order (a repository's own files first, then the built-in ones). */
export interface ImageKnowledge {
  entries: ImageEntry[];
}

/** The entry for an image string, or undefined when the image is unknown (or not a plain reference). */
export function lookupImage(knowledge: ImageKnowledge, image: unknown): ImageEntry | undefined {
  const ref = parseImage(image);
  if (!ref) return undefined;
  return knowledge.entries.find(
    (e) =>
      e.repository === ref.repository &&
      (e.tags === '*' || (ref.tag !== undefined && picomatch.isMatch(ref.tag, e.tags))),
  );
}

/** Whether the image's default user is root: UID 0 or the name root. */
export function runsAsRoot(entry: ImageEntry): boolean {
  return entry.user === '0' || entry.user === 'root' || entry.user.startsWith('0:') || entry.user.startsWith('root:');
}

/**
 * The numeric UID of the image's user, or undefined for a user name: the kubelet can verify only a numeric
 * user against runAsNonRoot and refuses to start the container otherwise
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1).
 */
export function numericUser(entry: ImageEntry): number | undefined {
  const uid = entry.user.split(':')[0] ?? '';
  return /^\d+$/.test(uid) ? Number(uid) : undefined;
}
