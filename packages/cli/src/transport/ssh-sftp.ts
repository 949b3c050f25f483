// The promise face of one sftp session: the few requests the file operations need, and
// which OpenSSH extensions the server offers.
import type { Buffer } from 'node:buffer';
import type { InputAttributes, SFTPWrapper, Stats } from 'ssh2';

/** SFTP status codes (draft-ietf-secsh-filexfer-02), as ssh2 puts them on `err.code`. */
export const SFTP_NO_SUCH_FILE = 2;
export const SFTP_PERMISSION_DENIED = 3;

export type SftpExtension = 'fsync@openssh.com' | 'posix-rename@openssh.com';

type Callback<T> = (err: Error | undefined | null, value: T) => void;

function call<T>(start: (done: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    start((err, value) => (err ? reject(err) : resolve(value))),
  );
}

export function isSftpStatus(err: unknown, status: number): boolean {
  return (err as { code?: unknown }).code === status;
}

export class RemoteFs {
  constructor(private readonly sftp: SFTPWrapper) {}

  /** Whether the server announced `extension` (version "1") when the session opened. */
  offers(extension: SftpExtension): boolean {
    // ssh2 keeps the announced extensions on the session without a public accessor.
    const announced = (this.sftp as unknown as { _extensions?: Record<string, string> })
      ._extensions;
    return announced?.[extension] === '1';
  }

  /** lstat, or undefined when nothing is there. */
  async lstatOrNothing(path: string): Promise<Stats | undefined> {
    try {
      return await call<Stats>((done) => this.sftp.lstat(path, done));
    } catch (err) {
      if (isSftpStatus(err, SFTP_NO_SUCH_FILE)) return undefined;
      throw err;
    }
  }

  stat(path: string): Promise<Stats> {
    return call((done) => this.sftp.stat(path, done));
  }

  readFile(path: string): Promise<Buffer> {
    return call((done) => this.sftp.readFile(path, done));
  }

  readlink(path: string): Promise<string> {
    return call((done) => this.sftp.readlink(path, done));
  }

  symlink(target: string, link: string): Promise<void> {
    return call((done) => this.sftp.symlink(target, link, (err) => done(err, undefined)));
  }

  /** Opens for writing a file that must not exist yet (O_CREAT | O_EXCL). */
  create(path: string, mode: number): Promise<Buffer> {
    return call((done) => this.sftp.open(path, 'wx', { mode }, done));
  }

  write(handle: Buffer, content: Buffer): Promise<void> {
    return call((done) =>
      this.sftp.write(handle, content, 0, content.length, 0, (err) => done(err, undefined)),
    );
  }

  setAttributes(handle: Buffer, attributes: InputAttributes): Promise<void> {
    return call((done) => this.sftp.fsetstat(handle, attributes, (err) => done(err, undefined)));
  }

  fsync(handle: Buffer): Promise<void> {
    return call((done) => this.sftp.ext_openssh_fsync(handle, (err) => done(err, undefined)));
  }

  closeHandle(handle: Buffer): Promise<void> {
    return call((done) => this.sftp.close(handle, (err) => done(err, undefined)));
  }

  /** rename(2): replaces an existing target (posix-rename@openssh.com). */
  replace(from: string, to: string): Promise<void> {
    return call((done) => this.sftp.ext_openssh_rename(from, to, (err) => done(err, undefined)));
  }

  /** Plain SFTP rename: fails when the target exists. */
  rename(from: string, to: string): Promise<void> {
    return call((done) => this.sftp.rename(from, to, (err) => done(err, undefined)));
  }

  unlink(path: string): Promise<void> {
    return call((done) => this.sftp.unlink(path, (err) => done(err, undefined)));
  }

  mkdir(path: string, mode: number): Promise<void> {
    return call((done) => this.sftp.mkdir(path, { mode }, (err) => done(err, undefined)));
  }
}
