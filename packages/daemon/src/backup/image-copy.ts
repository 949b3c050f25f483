// The one pass over a page image that backups and restores make: read the bytes once, hash
// them, and write them to the other file. The reads and the hash run on this thread while
// the writes run on libuv's threadpool (file-output.ts): the copy costs little more than the hash.
import { readSync } from 'node:fs';
import type { Hash } from 'node:crypto';
import { alignedBuffers, FileOutput } from './file-output.js';

/** Bytes read, hashed and written at a time. */
export const CHUNK_BYTES = 1 << 20;
/** Chunks that may be waiting for their write: reads run this far ahead of the disk. */
const CHUNKS_IN_FLIGHT = 8;
/** Bytes copied between two turns of the event loop. */
const TURN_BYTES = 8 << 20;
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

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads `bytes` bytes of `from`, hashing them and writing the first `to.bytes` of them to
 * `to.fd`. Resolves, or rejects, only once no write or sync is left in flight, so that the
 * caller may close the files at once.
 */
export async function hashAndCopy(o: HashedCopy): Promise<void> {
  const buffers = alignedBuffers(CHUNKS_IN_FLIGHT, CHUNK_BYTES);
  const to = o.to;
  const output = to && new FileOutput(to.file, to.fd, { direct: to.direct });
  const writes: (Promise<void> | undefined)[] = [];
  // The first write that failed: writes settle in the background, so they are caught at
  // once and the failure is thrown from here.
  let failure: { readonly err: unknown } | undefined;
  const caught = (pending: Promise<void>) =>
    pending.catch((err: unknown) => void (failure ??= { err }));
  try {
    for (let position = 0, i = 0; position < o.bytes; i = (i + 1) % CHUNKS_IN_FLIGHT) {
      // The chunk's buffer is free again once its previous write is done.
      await writes[i];
      if (failure) throw failure.err;
      const buffer = buffers[i]!;
      const read = readSync(o.from, buffer, 0, Math.min(CHUNK_BYTES, o.bytes - position), position);
      if (read === 0) throw o.endedAt(position);
      const chunk = buffer.subarray(0, read);
      o.patch?.(chunk, position);
      o.hash.update(chunk);
      writes[i] = undefined;
      if (to && output && position < to.bytes) {
        const image = chunk.subarray(0, Math.min(read, to.bytes - position));
        writes[i] = caught(output.write(image, position));
      }
      position += read;
      if (position % TURN_BYTES === 0) {
        if (position % PROGRESS_EVERY_BYTES === 0 && o.progress) {
          const { total, report } = o.progress;
          report({ bytes: Math.min(position, total), total });
        }
        await nextTurn();
      }
    }
  } finally {
    await Promise.all(writes);
    if (output) await caught(output.close());
  }
  if (failure) throw failure.err;
}
