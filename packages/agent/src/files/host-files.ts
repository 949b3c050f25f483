// The file operations of a host, each path checked against the allowed roots first:
// list, read, replace atomically and remove, the last two after copying the old file
// into a backup directory when one is given.
import type { Buffer } from 'node:buffer';
import type { Stats } from 'node:fs';
import { lstat, mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { OneKitError, syncDirectory, writeFileAtomic } from '@onekit/core';
import type { BackupResult } from '../protocol/index.js';
import { AllowedRoots } from './allowed-roots.js';
import { backupEntry, type BackupNaming } from './backup.js';
import { hostFileError } from './host-file-error.js';
import { listFiles, type FileEntry } from './inventory.js';

export interface HostFilesOptions extends BackupNaming {
  /** The directories file operations may touch (absolute). */
  readonly roots: readonly string[];
}

export interface ReplaceOptions {
  /** Permission bits; the old file's, or 0o644 for a new file. */
  readonly mode?: number;
  /** Owner; the old file's, or the agent's for a new file. */
  readonly uid?: number;
  readonly gid?: number;
  /** Where the old file is copied first (absolute, inside a root). */
  readonly backupDir?: string;
}

async function lstatOrNothing(file: string): Promise<Stats | undefined> {
  try {
    return await lstat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function refuseDirectory(file: string, stats: Stats | undefined): void {
  if (stats?.isDirectory()) {
    throw new OneKitError('HOST_FILE', `${file}: is a directory`, { file });
  }
}

export class HostFiles {
  readonly roots: AllowedRoots;

  constructor(private readonly options: HostFilesOptions) {
    this.roots = new AllowedRoots(options.roots);
  }

  async list(root: string): Promise<FileEntry[]> {
    const dir = await this.roots.resolve(root, 'directory');
    try {
      return await listFiles(dir);
    } catch (err) {
      throw hostFileError(root, err);
    }
  }

  async read(file: string): Promise<Buffer> {
    const target = await this.checked(file, 'read');
    try {
      return await readFile(target);
    } catch (err) {
      throw hostFileError(file, err);
    }
  }

  async replace(
    file: string,
    content: Buffer,
    options: ReplaceOptions = {},
  ): Promise<BackupResult> {
    const target = await this.checked(file, 'entry');
    const backupDir = await this.backupDirectory(options.backupDir);
    try {
      const old = await lstatOrNothing(target);
      refuseDirectory(file, old);
      const backup =
        old && backupDir ? await backupEntry(target, old, backupDir, this.options) : undefined;
      await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
      const fromOld = old?.isFile() ? old : undefined;
      await writeFileAtomic(target, content, {
        mode: options.mode ?? (fromOld ? fromOld.mode & 0o7777 : 0o644),
        ...owner('uid', options.uid ?? fromOld?.uid),
        ...owner('gid', options.gid ?? fromOld?.gid),
      });
      return backup ? { backup } : {};
    } catch (err) {
      throw hostFileError(file, err);
    }
  }

  /** Removing a file that does not exist does nothing, so a retried removal succeeds. */
  async remove(file: string, options: { readonly backupDir?: string } = {}): Promise<BackupResult> {
    const target = await this.checked(file, 'entry');
    const backupDir = await this.backupDirectory(options.backupDir);
    try {
      const old = await lstatOrNothing(target);
      if (!old) return {};
      refuseDirectory(file, old);
      const backup = backupDir
        ? await backupEntry(target, old, backupDir, this.options)
        : undefined;
      await unlink(target);
      await syncDirectory(path.dirname(target));
      return backup ? { backup } : {};
    } catch (err) {
      throw hostFileError(file, err);
    }
  }

  private async checked(file: string, use: 'entry' | 'read'): Promise<string> {
    try {
      return await this.roots.resolve(file, use);
    } catch (err) {
      throw hostFileError(file, err);
    }
  }

  private async backupDirectory(dir: string | undefined): Promise<string | undefined> {
    if (dir === undefined) return undefined;
    try {
      return await this.roots.resolve(dir, 'directory');
    } catch (err) {
      throw hostFileError(dir, err);
    }
  }
}

function owner<K extends 'uid' | 'gid'>(key: K, id: number | undefined): { [P in K]?: number } {
  return (id === undefined ? {} : { [key]: id }) as { [P in K]?: number };
}
