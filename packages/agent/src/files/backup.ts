import { syncDirectory } from '@onekit/core';
// A copy of a file (or of a link, as a link) into a backup directory under a name of its
// own, flushed to disk before the caller replaces or removes the original.
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readlink, symlink } from 'node:fs/promises';
import path from 'node:path';

export interface BackupNaming {
  /** The time that goes into backup names. */
  readonly now: () => Date;
  /** A short random token that keeps two backups of one name apart. */
  readonly uniqueSuffix: () => string;
}

/** `oned.conf` at 2024-05-01 12:00:00 UTC → `oned.conf.20240501T120000Z.3f9a1c`. */
export function backupName(file: string, naming: BackupNaming): string {
  const stamp = naming
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${path.basename(file)}.${stamp}.${naming.uniqueSuffix()}`;
}

const ATTEMPTS = 5;

/** Copies `file` (whose lstat is `stats`) into `dir`; returns the copy's path. */
export async function backupEntry(
  file: string,
  stats: Stats,
  dir: string,
  naming: BackupNaming,
): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (let attempt = 1; ; attempt++) {
    const copy = path.join(dir, backupName(file, naming));
    try {
      if (stats.isSymbolicLink()) await symlink(await readlink(file), copy);
      else await copyRegular(file, copy, stats);
      await syncDirectory(dir);
      return copy;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === ATTEMPTS) throw err;
    }
  }
}

async function copyRegular(file: string, copy: string, stats: Stats): Promise<void> {
  await copyFile(file, copy, constants.COPYFILE_EXCL);
  const handle = await open(copy, 'r+');
  try {
    await handle.chmod(stats.mode & 0o7777);
    const own = await handle.stat();
    if (own.uid !== stats.uid || own.gid !== stats.gid) await handle.chown(stats.uid, stats.gid);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
