/**
 * Writes patched files so that a crash or a full disk never leaves a half-written manifest: the new text
 * goes to a temporary file in the same directory (same filesystem, so the rename is atomic on POSIX),
 * which takes the original's permission bits, then replaces the original by rename.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Replaces `path` with `text` atomically, keeping the file's mode. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
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

/** Writes every changed file under `root`, one at a time (a failure stops before the next file). */
export async function writeChangedFiles(root: string, files: ReadonlyArray<{ path: string; after: string; changed: boolean }>): Promise<string[]> {
  const written: string[] = [];
  for (const f of files) {
    if (!f.changed) continue;
    await writeFileAtomic(join(root, f.path), f.after);
    written.push(f.path);
  }
  return written;
}
