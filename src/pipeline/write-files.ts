/**
 * Writes patched files so that a crash or a full disk never leaves a half-written manifest: the new text
 * goes to a temporary file in the same directory (same filesystem, so the rename is atomic on POSIX),
 * which takes the original's permission bits, then replaces the original by rename. A symbolic link is
 * never replaced: the file it resolves to is written, and only when that file is inside the root.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/** Replaces the file at `path` (the file a symbolic link there resolves to) with `text` atomically, keeping its mode. */
export async function writeFileAtomic(linkOrPath: string, text: string): Promise<void> {
  const path = await realpath(linkOrPath);
  const { mode } = await stat(path);
  const tmp = join(dirname(path), `.${basename(path)}.kubemend-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(tmp);
    throw err;
  }
  await handle.close();
  // chmod after creation: the mode passed to open() is filtered by the umask.
  await chmod(tmp, mode & 0o7777);
  await rename(tmp, path);
}

/**
 * Writes every changed file under `root`, one at a time (a failure stops before the next file). A path that
 * resolves outside the root (through a symbolic link) is a broken invariant: readRepoFiles never returns one.
 */
export async function writeChangedFiles(
  root: string,
  files: ReadonlyArray<{ path: string; after: string; changed: boolean; created?: boolean }>,
): Promise<string[]> {
  const realRoot = await realpath(root);
  const written: string[] = [];
  for (const f of files) {
    if (!f.changed) continue;
    if (f.created) {
      written.push(await createFile(root, realRoot, f.path, f.after));
      continue;
    }
    const target = await realpath(join(root, f.path));
    const rel = relative(realRoot, target);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      throw new Error(`refusing to write ${f.path}: it resolves to ${target}, outside ${root}`);
    await writeFileAtomic(target, f.after);
    written.push(f.path);
  }
  return written;
}

/**
 * A new file kubemend adds (an overlay patch): created, never overwriting, in a directory that must
 * already exist inside the root (its kustomization's).
 */
async function createFile(root: string, realRoot: string, path: string, text: string): Promise<string> {
  const dir = await realpath(dirname(join(root, path)));
  const rel = relative(realRoot, dir);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new Error(`refusing to create ${path}: its directory resolves to ${dir}, outside ${root}`);
  const handle = await open(join(dir, basename(path)), 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}
