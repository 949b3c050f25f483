// A check against a file changing under a long read: what a rewrite or a replacement changes
// (its inode, size and modification time) is compared before and after.
import { stat } from 'node:fs/promises';
import { OneKitError } from '@onekit/core';

async function fileStamp(file: string): Promise<string> {
  const { ino, size, mtimeMs } = await stat(file);
  return `${ino}:${size}:${mtimeMs}`;
}

/** Runs `work`, then throws DB_BACKUP if `file` changed meanwhile. */
export async function whileUnchanged<T>(file: string, work: () => Promise<T>): Promise<T> {
  const before = await fileStamp(file);
  const result = await work();
  if ((await fileStamp(file)) !== before) {
    throw new OneKitError('DB_BACKUP', 'the backup file changed while it was restored', { file });
  }
  return result;
}
