/**
 * `readOnlyRootFilesystem: true` breaks an image that writes outside its mounted volumes (nginx's
 * /var/cache/nginx, a PID file in /var/run). Paths an image is known to write must each be under a volume
 * mount of the container; otherwise the fix is held back. An image whose writes are unknown is fixed with
 * a warning to check them.
 */
import { isObject } from '../../locate/workloads.js';
import type { Unit } from '../evaluate.js';
import { fieldValue } from '../fields.js';
import { type ImageKnowledge, lookupImage } from '../images/lookup-image.js';
import { type GuardVerdict, imageLabel } from './image-user.js';

function mountPaths(container: unknown): string[] {
  const mounts = fieldValue(container, 'volumeMounts');
  return Array.isArray(mounts)
    ? mounts.flatMap((m) =>
        isObject(m) && typeof m.mountPath === 'string' ? [m.mountPath.replace(/\/+$/, '') || '/'] : [],
      )
    : [];
}

function covered(path: string, mounts: string[]): boolean {
  return mounts.some((m) => m === '/' || path === m || path.startsWith(`${m}/`));
}

/** Whether making this container's root filesystem read-only is safe, with the evidence. */
export function imageWritesVerdict(unit: Unit, images: ImageKnowledge): GuardVerdict {
  const image = fieldValue(unit.value, 'image');
  const label = imageLabel(image);
  const entry = lookupImage(images, image);
  if (!entry?.writes)
    return {
      evidence: `image \`${label}\`: paths it writes at run time unknown: check it writes only to mounted volumes (e.g. an emptyDir at /tmp) before merging`,
    };
  const missing = entry.writes.filter((p) => !covered(p, mountPaths(unit.value)));
  if (missing.length) {
    return {
      hold: `image \`${label}\` writes to ${missing.join(', ')} at run time and no volume is mounted there: a read-only root filesystem would break it; mount an emptyDir at each of those paths first`,
      source: entry.source,
    };
  }
  return {
    evidence: entry.writes.length
      ? `image \`${label}\` writes only to mounted paths (${entry.writes.join(', ')})`
      : `image \`${label}\` writes nothing to its root filesystem`,
  };
}
