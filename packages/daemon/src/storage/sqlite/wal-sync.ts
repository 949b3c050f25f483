// Makes a WAL database's commits durable off the main thread. The writer commits with
// synchronous=NORMAL, which writes the WAL frames without waiting for the disk; then one
// fdatasync of the -wal file, on libuv's threadpool, covers every commit written before it
// started (the frames are in the file, and SQLite syncs the WAL itself before any checkpoint
// copies them into the database). Meanwhile the event loop goes on serving: the daemon
// blocked about a millisecond in every synchronous=FULL commit. Calls while a sync runs share
// the next one.
import fs from 'node:fs';

export class WalSync {
  private fd: number | undefined;
  /** The fdatasync in flight. */
  private current: Promise<void> | undefined;
  /** The one that starts when it ends, for the commits written meanwhile. */
  private next: Promise<void> | undefined;

  constructor(private readonly walFile: string) {}

  /** Resolves once every commit written before the call is on disk. */
  sync(): Promise<void> {
    if (this.current === undefined) return this.begin();
    this.next ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.begin();
      });
    return this.next;
  }

  /** Waits for the syncs asked for, then lets the file go. */
  async close(): Promise<void> {
    await (this.next ?? this.current)?.catch(() => undefined);
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private begin(): Promise<void> {
    const sync: Promise<void> = new Promise<void>((resolve, reject) => {
      const fd = this.open();
      if (fd === undefined) return resolve();
      fs.fdatasync(fd, (err) => (err ? reject(err) : resolve()));
    }).finally(() => {
      if (this.current === sync) this.current = undefined;
    });
    this.current = sync;
    return sync;
  }

  /**
   * The -wal file, opened at the first sync; undefined while there is none (SQLite makes it
   * with the first write after the database opened, and removes it when the last
   * connection closes): there is nothing to sync then.
   */
  private open(): number | undefined {
    if (this.fd === undefined) {
      try {
        this.fd = fs.openSync(this.walFile, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    return this.fd;
  }
}
