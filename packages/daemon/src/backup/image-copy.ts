// The one pass over a page image that backups and restores make: read the bytes once, hash
// them, and write them to the other file. The hash runs on this thread while the reads and
// the writes run ahead of it and behind it on libuv's threadpool (file-output.ts): the copy
// costs little more than the hash.
import { read } from 'node:fs';
import type { Hash } from 'node:crypto';
import { alignedBuffers, FileOutput } from './file-output.js';

/** Bytes read, hashed and written at a time. */
export const CHUNK_BYTES = 1 << 20;
/** Chunks that may be waiting for their write: reads run this far ahead of the disk. */
const CHUNKS_IN_FLIGHT = 8;
/** Bytes of an image between two progress reports. */
export const PROGRESS_EVERY_BYTES = 64 << 20;

export interface ImageProgress {
  /** Bytes of the image copied so far. */
  readonly bytes: number;
  readonly total: number;
}

export interface HashedCopy {
  /** The open file read from its start. */
  readonly from: number;
  /** Bytes read and hashed. */
  readonly bytes: number;
  readonly hash: Hash;
  /**
   * Where the first `bytes` bytes read go, at the same positions: the open file `fd`, named
   * `file`. Nothing is written without it.
   */
  readonly to?: {
    readonly fd: number;
    readonly file: string;
    readonly bytes: number;
    /** Around the page cache (file-output.ts): for a file not read again soon. */
    readonly direct: boolean;
  };
  /** Changes a chunk before it is hashed and written (the header of an image). */
  readonly patch?: (chunk: Buffer, position: number) => void;
  /** Reports progress against `total` (the image's bytes) every PROGRESS_EVERY_BYTES. */
  readonly progress?: {
    readonly total: number;
    readonly report: (progress: ImageProgress) => void;
  };
  /** The error for a file that ends before `bytes`. */
  readonly endedAt: (position: number) => Error;
}

/** Reads `length` bytes at `position` into `buffer`; resolves to the bytes read (fewer at the end of the file). */
function readFully(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, 0, length, position, (err, got) => {
      if (err) reject(err);
      else if (got === 0 || got === length) resolve(got);
      else {
        readFully(fd, buffer.subarray(got), length - got, position + got).then(
          (more) => resolve(got + more),
          reject,
        );
      }
    });
  });
}

/**
 * Reads `bytes` bytes of `from`, hashing them and writing the first `to.bytes` of them to
 * `to.fd`. Resolves, or rejects, only once no read, write or sync is left in flight, so that
 * the caller may close the files at once.
 */
export async function hashAndCopy(o: HashedCopy): Promise<void> {
  const buffers = alignedBuffers(CHUNKS_IN_FLIGHT, CHUNK_BYTES);
  const to = o.to;
  const output = to && new FileOutput(to.file, to.fd, { direct: to.direct });
  const chunks = Math.ceil(o.bytes / CHUNK_BYTES);
  const lengthOf = (k: number) => Math.min(CHUNK_BYTES, o.bytes - k * CHUNK_BYTES);
  const readChunk = (k: number) =>
    readFully(o.from, buffers[k % CHUNKS_IN_FLIGHT]!, lengthOf(k), k * CHUNK_BYTES);
  // Per buffer: the read of its current chunk, and the write of its last one. A buffer's
  // next read waits for its write; the reads of the others run meanwhile.
  const reads: (Promise<number> | undefined)[] = [];
  const writes: Promise<void>[] = [];
  // The first write that failed: writes settle in the background, so they are caught at
  // once and the failure is thrown from here.
  let failure: { readonly err: unknown } | undefined;
  const caught = (pending: Promise<void>) =>
    pending.catch((err: unknown) => void (failure ??= { err }));
  for (let k = 0; k < Math.min(CHUNKS_IN_FLIGHT, chunks); k++) reads[k] = readChunk(k);
  try {
    for (let k = 0; k < chunks; k++) {
      const slot = k % CHUNKS_IN_FLIGHT;
      const position = k * CHUNK_BYTES;
      const got = await reads[slot]!;
      if (failure) throw failure.err;
      if (got < lengthOf(k)) throw o.endedAt(position + got);
      const chunk = buffers[slot]!.subarray(0, got);
      o.patch?.(chunk, position);
      o.hash.update(chunk);
      let written: Promise<void> = Promise.resolve();
      if (to && output && position < to.bytes) {
        written = caught(
          output.write(chunk.subarray(0, Math.min(got, to.bytes - position)), position),
        );
      }
      writes[slot] = written;
      const next = k + CHUNKS_IN_FLIGHT;
      reads[slot] = next < chunks ? written.then(() => readChunk(next)) : undefined;
      const done = position + got;
      if (done % PROGRESS_EVERY_BYTES === 0 && o.progress) {
        const { total, report } = o.progress;
        report({ bytes: Math.min(done, total), total });
      }
    }
  } finally {
    await Promise.allSettled([...reads, ...writes]);
    if (output) await caught(output.close());
  }
  if (failure) throw failure.err;
}
