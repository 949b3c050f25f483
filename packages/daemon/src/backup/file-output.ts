// A file written in big chunks at known positions, in the background: a backup, or a
// restored database. A backup is written once and not read again soon, so it goes around
// the page cache (O_DIRECT) where the filesystem allows it: through the page cache each
// write first waits for the kernel to find free pages, which on a busy or virtualised host
// took as long as the copy itself (measured: 844 MB in 0.8-4.1 s buffered, 0.74-0.9 s direct),
// and pushes the database's own pages out of memory. A file read back at once (a restored
// database, which is checked and then served; a spool) stays in the page cache.
//
// Direct writes want the buffer, the position and the length aligned to the device's block.
// Buffers come from alignedBuffers(); a write that is not aligned (the last, short chunk), a
// filesystem without direct I/O (tmpfs) or a device that refuses one goes through the page
// cache instead, with a data sync every SYNC_EVERY_BYTES so that the final fsync finds
// little left to write.
import { closeSync, constants, fdatasync, openSync, write } from 'node:fs';

/** The alignment direct writes are tried with: the physical block of today's disks. */
export const DIRECT_ALIGNMENT = 4096;
/** Bytes written through the page cache between two data syncs. */
const SYNC_EVERY_BYTES = 64 << 20;
/** The unit of a WebAssembly memory's size. */
const WASM_PAGE_BYTES = 64 << 10;

/** WebAssembly's memory, which Node's typings leave out. */
interface WasmMemoryConstructor {
  new (size: { initial: number; maximum: number }): { readonly buffer: ArrayBuffer };
}
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryConstructor } })
  .WebAssembly.Memory;

/**
 * `count` buffers of `bytes` bytes each, each starting on a DIRECT_ALIGNMENT boundary.
 * A WebAssembly memory is mapped on page boundaries, which Node's own buffers are not.
 */
export function alignedBuffers(count: number, bytes: number): Buffer[] {
  const stride = Math.ceil(bytes / DIRECT_ALIGNMENT) * DIRECT_ALIGNMENT;
  const pages = Math.max(1, Math.ceil((stride * count) / WASM_PAGE_BYTES));
  const memory = new WasmMemory({ initial: pages, maximum: pages });
  return Array.from({ length: count }, (_, i) => Buffer.from(memory.buffer, i * stride, bytes));
}

function writeAll(fd: number, chunk: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    write(fd, chunk, 0, chunk.length, position, (err, written) => {
      if (err) reject(err);
      else if (written < chunk.length) {
        writeAll(fd, chunk.subarray(written), position + written).then(resolve, reject);
      } else resolve();
    });
  });
}

function syncData(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}

function openDirect(file: string): number | undefined {
  try {
    return openSync(file, constants.O_WRONLY | constants.O_DIRECT);
  } catch {
    return undefined;
  }
}

const aligned = (chunk: Buffer, position: number) =>
  chunk.length % DIRECT_ALIGNMENT === 0 &&
  position % DIRECT_ALIGNMENT === 0 &&
  chunk.byteOffset % DIRECT_ALIGNMENT === 0;

export class FileOutput {
  private direct: number | undefined;
  private directWorks: boolean;
  private unsynced = 0;
  private sync: Promise<void> | undefined;
  private syncFailure: { readonly err: unknown } | undefined;

  /** Writes to `fd`, an open file named `file`; around the page cache where it can with `direct`. */
  constructor(
    file: string,
    private readonly fd: number,
    o: { readonly direct: boolean },
  ) {
    this.direct = o.direct ? openDirect(file) : undefined;
    this.directWorks = this.direct !== undefined;
  }

  /** Whether writes still go around the page cache. */
  get isDirect(): boolean {
    return this.directWorks;
  }

  /** Writes `chunk` at `position`; the chunk must not change until this settles. */
  async write(chunk: Buffer, position: number): Promise<void> {
    if (this.syncFailure) throw this.syncFailure.err;
    if (this.direct !== undefined && this.directWorks && aligned(chunk, position)) {
      try {
        return await writeAll(this.direct, chunk, position);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
        // The device wants another alignment: the rest goes through the page cache.
        this.directWorks = false;
      }
    }
    await writeAll(this.fd, chunk, position);
    this.unsynced += chunk.length;
    if (!this.sync && this.unsynced >= SYNC_EVERY_BYTES) {
      this.unsynced = 0;
      this.sync = syncData(this.fd)
        .catch((err: unknown) => void (this.syncFailure ??= { err }))
        .finally(() => (this.sync = undefined));
    }
  }

  /**
   * Waits for the data sync in flight and closes the direct descriptor; call it once no
   * write is in flight. The caller's own descriptor stays open for its fsync.
   */
  async close(): Promise<void> {
    await this.sync;
    if (this.direct !== undefined) closeSync(this.direct);
    this.direct = undefined;
    this.directWorks = false;
    if (this.syncFailure) throw this.syncFailure.err;
  }
}
