/**
 * Image references as the container runtime resolves them: `redis:7.2` is `docker.io/library/redis`, tag
 * `7.2`; `bitnami/redis` is `docker.io/bitnami/redis`, tag `latest`; a first segment with a `.` or `:`
 * (or `localhost`) is a registry host. https://github.com/distribution/reference/blob/main/normalize.go
 */

export interface ImageRef {
  /** Registry host and path, e.g. docker.io/library/redis. */
  repository: string;
  /** The tag, `latest` when neither a tag nor a digest is given, undefined for a digest-only reference. */
  tag?: string;
  digest?: string;
}

/** The normalised reference of an image string, or undefined when it is not one (a template, empty). */
export function parseImage(image: unknown): ImageRef | undefined {
  if (typeof image !== 'string') return undefined;
  const trimmed = image.trim();
  if (!trimmed || /[\s{}$]/.test(trimmed)) return undefined;
  const [nameAndTag = '', digest] = trimmed.split('@', 2);
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = (hasTag ? nameAndTag.slice(0, colon) : nameAndTag).toLowerCase();
  const tag = hasTag ? nameAndTag.slice(colon + 1) : digest ? undefined : 'latest';
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository: string;
  if (hasHost) repository = first === 'index.docker.io' ? `docker.io/${parts.slice(1).join('/')}` : name;
  else repository = parts.length === 1 ? `docker.io/library/${name}` : `docker.io/${name}`;
  if (repository.startsWith('docker.io/') && repository.split('/').length === 2)
    repository = `docker.io/library/${repository.slice(10)}`;
  const ref: ImageRef = { repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest) ref.digest = digest;
  return ref;
}
