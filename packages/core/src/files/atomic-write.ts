import { randomBytes } from 'node:crypto';
import type { Buffer } from 'node:buffer';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits of the new file (default 0o644); 0o600 for credentials. */
  mode?: number;
  /** Owner of the new file; unchanged (the writer's) when absent. */
  uid?: number;
  gid?: number;
}

/**
 * Writes `content` to a temporary file beside `path`, flushes it and renames it over
 * `path`, then flushes the directory, so that readers (and a machine that crashes) see the
 * old content or the new, never a part. Missing directories are created (0o700: they hold
 * credentials and endpoints).
 */
export async function writeFileAtomic(
  path: string,
  content: string | Buffer,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(content);
      if (options.mode !== undefined) await handle.chmod(options.mode);
      if (options.uid !== undefined || options.gid !== undefined) {
        await handle.chown(options.uid ?? -1, options.gid ?? -1);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Makes a rename, creation or removal in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
