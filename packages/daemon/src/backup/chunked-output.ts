// A file written front to back in page-aligned chunks, in the background: bytes are put
// straight into the current chunk, and a full one is handed to the disk (around the page
// cache where asked and the filesystem allows it) while the next fills. A chunk's whole blocks go; the
// bytes after the last one move to the next chunk, so every direct write stays aligned.
// Like a stream, `backedUp` says when enough chunks wait for the disk, and drained() waits
// for them. The file's bytes that are on disk, from its start, can be followed while it is
// still being written (a table spooled by one connection while another writes the backup).
// (file-output.ts says when the chunks go around the page cache.)
import { readSync } from 'node:fs';
import { alignedBuffers, DIRECT_ALIGNMENT, FileOutput } from './file-output.js';

/** The bytes of a chunk buffer. */
const CHUNK_BYTES = 4 << 20;
/** Chunks that may wait for the disk before the output says it is backed up. */
const CHUNKS_IN_FLIGHT = 4;

/** A write in flight, in file order. */
interface Pending {
  readonly end: number;
  done: boolean;
}

export class ChunkedOutput {
  private readonly output: FileOutput;
  private readonly onBytes: ((bytes: Buffer) => void) | undefined;
  /** Chunk buffers whose write is done. */
  private readonly free: Buffer[] = [];
  private readonly writes = new Set<Promise<void>>();
  private readonly pending: Pending[] = [];
  private readonly settledWaiters = new Set<() => void>();
  /** The first write that failed: writes settle in the background. */
  private failure: { readonly err: unknown } | undefined;
  private chunk: Buffer;
  private used = 0;
  /** Where in the file the chunk's first byte goes. */
  private position = 0;
  private ended = false;
  /** The first bytes of the file, this many, are on disk. */
  settledTo = 0;

  /**
   * Writes to `fd`, an open file named `file` (left open: its owner syncs and closes it),
   * around the page cache with `direct`. `onBytes` sees every byte in file order as it goes
   * to the disk (a hash).
   */
  constructor(
    file: string,
    fd: number,
    o: { readonly direct: boolean; readonly onBytes?: (bytes: Buffer) => void },
  ) {
    this.onBytes = o.onBytes;
    this.output = new FileOutput(file, fd, { direct: o.direct });
    this.chunk = this.freeChunk();
  }

  /** Whether enough chunks wait for the disk that the writer should await drained(). */
  get backedUp(): boolean {
    return this.writes.size >= CHUNKS_IN_FLIGHT;
  }

  /** Whether end() has written the last bytes (or abort() gave up). */
  get isEnded(): boolean {
    return this.ended;
  }

  /**
   * Lets `encode` write at `at` in the current chunk, and takes the bytes up to where it says
   * it ended. Returns false, having taken nothing, when `encode` cannot fit even in an empty
   * chunk (it returns -1).
   */
  encode(encode: (into: Buffer, at: number) => number): boolean {
    let end = encode(this.chunk, this.used);
    if (end < 0) {
      this.flush();
      end = encode(this.chunk, this.used);
    }
    if (end < 0) return false;
    this.used = end;
    return true;
  }

  append(bytes: Buffer): void {
    for (let offset = 0; offset < bytes.length;) {
      if (this.used === this.chunk.length) this.flush();
      const copied = bytes.copy(this.chunk, this.used, offset);
      this.used += copied;
      offset += copied;
    }
  }

  /** Appends `bytes` bytes of the open file `fd` from `start`, read straight into chunks. */
  async appendFrom(fd: number, start: number, bytes: number): Promise<void> {
    for (let done = 0; done < bytes;) {
      if (this.used === this.chunk.length) this.flush();
      if (this.backedUp) await this.drained();
      const room = Math.min(this.chunk.length - this.used, bytes - done);
      const read = readSync(fd, this.chunk, this.used, room, start + done);
      if (read === 0) throw new Error(`the file ended ${bytes - done} bytes early`);
      this.used += read;
      done += read;
    }
  }

  /** Resolves once fewer chunks wait than make the output backed up; rejects if a write failed. */
  async drained(): Promise<void> {
    while (this.backedUp) await Promise.race(this.writes);
    if (this.failure) throw this.failure.err;
  }

  /** Resolves once more than `bytes` bytes are on disk, or the output ended. */
  async settledPast(bytes: number): Promise<void> {
    while (this.settledTo <= bytes && !this.ended && !this.failure) {
      await new Promise<void>((resolve) => this.settledWaiters.add(resolve));
    }
    if (this.failure) throw this.failure.err;
  }

  /**
   * Writes the rest, then `last()` (given after onBytes saw everything before it, and not
   * shown to it), and waits until all of it is on disk.
   */
  async end(last?: () => Buffer): Promise<void> {
    const rest = this.chunk.subarray(0, this.used);
    this.onBytes?.(rest);
    const tail = last ? Buffer.concat([rest, last()]) : rest;
    if (tail.length > 0) this.start(tail, this.position);
    this.position += tail.length;
    this.used = 0;
    await this.settle();
    if (this.failure) throw this.failure.err;
  }

  /** Gives up: waits for the writes in flight, whatever they did. */
  async abort(): Promise<void> {
    await this.settle();
  }

  /** Hands the chunk's whole blocks to the disk; the bytes after them start the next chunk. */
  private flush(): void {
    const whole = this.used - (this.used % DIRECT_ALIGNMENT);
    if (whole === 0) return;
    const chunk = this.chunk;
    const blocks = chunk.subarray(0, whole);
    this.onBytes?.(blocks);
    this.start(blocks, this.position, chunk);
    this.chunk = this.freeChunk();
    this.used = chunk.copy(this.chunk, 0, whole, this.used);
    this.position += whole;
  }

  /** Writes `bytes` at `position` in the background; `chunk` is free again after. */
  private start(bytes: Buffer, position: number, chunk?: Buffer): void {
    const pending: Pending = { end: position + bytes.length, done: false };
    this.pending.push(pending);
    const write = this.output
      .write(bytes, position)
      .then(() => {
        if (chunk) this.free.push(chunk);
        pending.done = true;
        this.advanceSettled();
      })
      .catch((err: unknown) => {
        this.failure ??= { err };
        this.wakeFollowers();
      })
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  private advanceSettled(): void {
    while (this.pending[0]?.done) this.settledTo = this.pending.shift()!.end;
    this.wakeFollowers();
  }

  private wakeFollowers(): void {
    for (const wake of this.settledWaiters) wake();
    this.settledWaiters.clear();
  }

  private freeChunk(): Buffer {
    return this.free.pop() ?? alignedBuffers(1, CHUNK_BYTES)[0]!;
  }

  /** Waits for every write and the output's last data sync. */
  private async settle(): Promise<void> {
    await Promise.all(this.writes);
    await this.output.close().catch((err: unknown) => void (this.failure ??= { err }));
    this.ended = true;
    this.wakeFollowers();
  }
}
