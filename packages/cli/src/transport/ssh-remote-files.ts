// Reading, replacing and removing files on a host over sftp, with the agent's rules: a
// replacement goes to a temporary name in the same directory, is flushed (fsync@openssh.com)
// and renamed over the target (posix-rename@openssh.com, which replaces); the old file, or
// link, is first copied into the backup directory under the agent's backup name.
import type { Buffer } from 'node:buffer';
import { posix } from 'node:path';
import { OneKitError } from '@onekit/core';
import { backupName, type BackupNaming } from '@onekit/agent';
import type { Stats } from 'ssh2';
import type { WriteFileOptions, WriteFileResult } from './host-transport.js';
import {
  isSftpStatus,
  SFTP_NO_SUCH_FILE,
  SFTP_PERMISSION_DENIED,
  type RemoteFs,
} from './ssh-sftp.js';

const BACKUP_ATTEMPTS = 5;

/** A failure as HOST_FILE naming the path; OneKitErrors pass through. */
function hostFileError(file: string, err: unknown): OneKitError {
  if (err instanceof OneKitError) return err;
  const reason = isSftpStatus(err, SFTP_NO_SUCH_FILE)
    ? 'does not exist'
    : isSftpStatus(err, SFTP_PERMISSION_DENIED)
      ? 'permission denied'
      : err instanceof Error
        ? err.message
        : String(err);
  return new OneKitError('HOST_FILE', `${file}: ${reason}`, { file }, { cause: err });
}

/** Paths are absolute and never climb with `..`, as the agent requires. */
function checkPath(file: string): void {
  const refuse = (why: string): never => {
    throw new OneKitError('PATH_REFUSED', `${file}: ${why}`, { file });
  };
  if (!posix.isAbsolute(file)) refuse('the path must be absolute');
  if (file.split('/').includes('..')) refuse('the path must not contain ".."');
}

function refuseDirectory(file: string, stats: Stats | undefined): void {
  if (stats?.isDirectory()) throw new OneKitError('HOST_FILE', `${file}: is a directory`, { file });
}

export class RemoteFiles {
  constructor(
    private readonly fs: RemoteFs,
    private readonly naming: BackupNaming,
  ) {}

  async read(file: string): Promise<Buffer> {
    checkPath(file);
    try {
      refuseDirectory(file, await this.fs.stat(file));
      return await this.fs.readFile(file);
    } catch (err) {
      throw hostFileError(file, err);
    }
  }

  async replace(
    file: string,
    content: Buffer,
    options: WriteFileOptions = {},
  ): Promise<WriteFileResult> {
    checkPath(file);
    if (options.backupDir !== undefined) checkPath(options.backupDir);
    try {
      const old = await this.fs.lstatOrNothing(file);
      refuseDirectory(file, old);
      const backup =
        old && options.backupDir ? await this.backup(file, old, options.backupDir) : undefined;
      await this.makeDirectories(posix.dirname(file), 0o755);
      const fromOld = old?.isFile() ? old : undefined;
      await this.writeAndRename(file, content, {
        mode: options.mode ?? (fromOld ? fromOld.mode & 0o7777 : 0o644),
        uid: options.uid ?? fromOld?.uid,
        gid: options.gid ?? fromOld?.gid,
        replacing: old !== undefined,
      });
      return backup ? { backup } : {};
    } catch (err) {
      throw hostFileError(file, err);
    }
  }

  /** Removing a file that does not exist does nothing, so a retried removal succeeds. */
  async remove(
    file: string,
    options: { readonly backupDir?: string } = {},
  ): Promise<WriteFileResult> {
    checkPath(file);
    if (options.backupDir !== undefined) checkPath(options.backupDir);
    try {
      const old = await this.fs.lstatOrNothing(file);
      if (!old) return {};
      refuseDirectory(file, old);
      const backup = options.backupDir
        ? await this.backup(file, old, options.backupDir)
        : undefined;
      await this.fs.unlink(file);
      return backup ? { backup } : {};
    } catch (err) {
      throw hostFileError(file, err);
    }
  }

  private async writeAndRename(
    file: string,
    content: Buffer,
    target: { mode: number; uid?: number; gid?: number; replacing: boolean },
  ): Promise<void> {
    const temporary = posix.join(
      posix.dirname(file),
      `.${posix.basename(file)}.${this.naming.uniqueSuffix()}.tmp`,
    );
    // Readable by nobody else until the content is complete and the mode is set.
    const handle = await this.fs.create(temporary, 0o600);
    try {
      try {
        await this.fs.write(handle, content);
        await this.fs.setAttributes(handle, { mode: target.mode });
        if (target.uid !== undefined || target.gid !== undefined) {
          await this.fs.setAttributes(handle, await this.owner(temporary, target));
        }
        if (this.fs.offers('fsync@openssh.com')) await this.fs.fsync(handle);
      } finally {
        await this.fs.closeHandle(handle);
      }
      if (this.fs.offers('posix-rename@openssh.com')) await this.fs.replace(temporary, file);
      else if (!target.replacing) await this.fs.rename(temporary, file);
      else {
        throw new OneKitError(
          'HOST_FILE',
          `${file}: the sftp server cannot replace a file atomically (no posix-rename@openssh.com)`,
          { file },
        );
      }
    } catch (err) {
      await this.removeLeftover(temporary);
      throw err;
    }
  }

  /** SFTP sets owner and group together: the one not asked for stays as it is. */
  private async owner(
    temporary: string,
    target: { uid?: number; gid?: number },
  ): Promise<{ uid: number; gid: number }> {
    const current = await this.fs.stat(temporary);
    return { uid: target.uid ?? current.uid, gid: target.gid ?? current.gid };
  }

  private async removeLeftover(temporary: string): Promise<void> {
    try {
      await this.fs.unlink(temporary);
    } catch (err) {
      if (!isSftpStatus(err, SFTP_NO_SUCH_FILE)) throw err;
    }
  }

  /** Copies `file` (a file or a link, whose lstat is `old`) into `dir`; returns the copy. */
  private async backup(file: string, old: Stats, dir: string): Promise<string> {
    await this.makeDirectories(dir, 0o700);
    for (let attempt = 1; ; attempt++) {
      const copy = posix.join(dir, backupName(file, this.naming));
      if ((await this.fs.lstatOrNothing(copy)) === undefined) {
        if (old.isSymbolicLink()) {
          await this.fs.symlink(await this.fs.readlink(file), copy);
        } else await this.copyRegular(file, copy, old);
        return copy;
      }
      if (attempt === BACKUP_ATTEMPTS) {
        throw new OneKitError('HOST_FILE', `${copy}: a backup of that name exists`, { file: copy });
      }
    }
  }

  private async copyRegular(file: string, copy: string, old: Stats): Promise<void> {
    const content = await this.fs.readFile(file);
    const handle = await this.fs.create(copy, 0o600);
    try {
      await this.fs.write(handle, content);
      await this.fs.setAttributes(handle, { mode: old.mode & 0o7777 });
      const own = await this.fs.stat(copy);
      if (own.uid !== old.uid || own.gid !== old.gid) {
        await this.fs.setAttributes(handle, { uid: old.uid, gid: old.gid });
      }
      if (this.fs.offers('fsync@openssh.com')) await this.fs.fsync(handle);
    } finally {
      await this.fs.closeHandle(handle);
    }
  }

  /** mkdir -p: creates the missing directories from the top down. */
  private async makeDirectories(dir: string, mode: number): Promise<void> {
    const missing: string[] = [];
    for (let current = dir; ; current = posix.dirname(current)) {
      const stats = await this.fs.lstatOrNothing(current);
      if (stats) {
        if (!stats.isDirectory() && !stats.isSymbolicLink()) {
          throw new OneKitError('HOST_FILE', `${current}: is not a directory`, { file: current });
        }
        break;
      }
      missing.push(current);
      if (posix.dirname(current) === current) break;
    }
    for (const path of missing.reverse()) await this.fs.mkdir(path, mode);
  }
}
