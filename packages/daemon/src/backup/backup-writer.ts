// Writes a backup file (see backup-format.ts) under a temporary name beside the target,
// hashing every line, and gives it its name only once the end line is on disk: a backup
// that fails half-way leaves no file that looks complete. Backups hold password hashes,
// so the file is created 0600.
//
// Lines are encoded straight into chunk buffers (row-encoding.ts). A full chunk is hashed
// and written in the background, around the page cache where it can (direct-output.ts),
// while the next one fills: the chunk's whole blocks go, the bytes after the last one move
// to the next chunk. Like a stream, row() says when enough chunks wait for the disk, and
// drained() waits for them.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { OneKitError } from '@onekit/core';
import type { ColumnValue } from '../storage/index.js';
import {
  endLine,
  headerLine,
  rowLine,
  tableLine,
  type BackupHeader,
  type BackupTable,
} from './backup-format.js';
import { alignedBuffers, DIRECT_ALIGNMENT, DirectOutput } from './direct-output.js';
import { encodeRow } from './row-encoding.js';

/** The bytes of a chunk buffer. */
const CHUNK_BYTES = 4 << 20;
/** Chunks that may wait for the disk before row() asks the caller to wait. */
const CHUNKS_IN_FLIGHT = 4;

export interface FinishedBackup {
  readonly rows: Readonly<Record<string, number>>;
  readonly sha256: string;
}

export function backupExists(file: string): OneKitError {
  return new OneKitError('DB_BACKUP', `File ${file} exists, backup aborted. Use -f to overwrite.`, {
    file,
    field: 'force',
  });
}

export class BackupWriter {
  private readonly hash = createHash('sha256');
  private readonly rows: Record<string, number> = {};
  private readonly output: DirectOutput;
  /** Chunk buffers whose write is done. */
  private readonly free: Buffer[] = [];
  private readonly writes = new Set<Promise<void>>();
  /** The first write that failed: writes settle in the background. */
  private failure: { readonly err: unknown } | undefined;
  private chunk: Buffer;
  private used = 0;
  /** Where in the file the chunk's first byte goes. */
  private position = 0;
  private current: BackupTable | undefined;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly temp: string,
    private readonly fd: number,
    private readonly force: boolean,
  ) {
    this.output = new DirectOutput(temp, fd);
    this.chunk = this.freeChunk();
  }

  /** Starts `file`; an existing file is replaced at the end only with `force`. */
  static create(file: string, o: { force: boolean }): BackupWriter {
    const temp = partialFileOf(file);
    let fd: number;
    try {
      // Backups go to folders that may not exist yet (a dated folder, serversync's).
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      fd = openSync(temp, 'w', 0o600);
    } catch (err) {
      throw new OneKitError('HOST_FILE', `cannot write ${file}`, { file }, { cause: err });
    }
    return new BackupWriter(file, temp, fd, o.force);
  }

  header(header: BackupHeader): void {
    this.append(headerLine(header));
  }

  table(table: BackupTable): void {
    this.current = table;
    this.rows[table.def.name] = 0;
    this.append(tableLine(table));
  }

  /** Adds a row; false once enough chunks wait for the disk: await drained() then. */
  row(values: readonly ColumnValue[]): boolean {
    const def = this.current!.def;
    let end = encodeRow(this.chunk, this.used, def, values);
    if (end < 0) {
      this.flush();
      end = encodeRow(this.chunk, this.used, def, values);
    }
    if (end < 0) this.append(rowLine(def, values));
    else this.used = end;
    this.rows[def.name]!++;
    return this.writes.size < CHUNKS_IN_FLIGHT;
  }

  /** Resolves once fewer than CHUNKS_IN_FLIGHT chunks wait; rejects if a write failed. */
  async drained(): Promise<void> {
    while (this.writes.size >= CHUNKS_IN_FLIGHT) await Promise.race(this.writes);
    if (this.failure) throw this.failure.err;
  }

  /** Writes the end line, syncs the file and gives it its name. */
  async finish(): Promise<FinishedBackup> {
    const rest = this.chunk.subarray(0, this.used);
    this.hash.update(rest);
    const sha256 = this.hash.digest('hex');
    const end = Buffer.from(endLine({ rows: this.rows, sha256 }) + '\n');
    this.start(Buffer.concat([rest, end]), this.position);
    await this.settle();
    if (this.failure) throw this.failure.err;
    fsyncSync(this.fd);
    this.close();
    publishBackup(this.temp, this.file, { force: this.force });
    return { rows: this.rows, sha256 };
  }

  /** Drops the temporary file, once no write is left in flight. */
  async abort(): Promise<void> {
    await this.settle();
    this.close();
    try {
      unlinkSync(this.temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  /** Adds a line that rows do not carry, or one bigger than a chunk. */
  private append(line: string): void {
    const bytes = Buffer.from(line + '\n');
    for (let offset = 0; offset < bytes.length;) {
      if (this.used === this.chunk.length) this.flush();
      const copied = bytes.copy(this.chunk, this.used, offset);
      this.used += copied;
      offset += copied;
    }
  }

  /** Hashes and writes the chunk's whole blocks; the bytes after them start the next chunk. */
  private flush(): void {
    const whole = this.used - (this.used % DIRECT_ALIGNMENT);
    if (whole === 0) return;
    const chunk = this.chunk;
    const blocks = chunk.subarray(0, whole);
    this.hash.update(blocks);
    this.start(blocks, this.position, chunk);
    this.chunk = this.freeChunk();
    this.used = chunk.copy(this.chunk, 0, whole, this.used);
    this.position += whole;
  }

  /** Writes `bytes` at `position` in the background; `chunk` is free again after. */
  private start(bytes: Buffer, position: number, chunk?: Buffer): void {
    const write = this.output
      .write(bytes, position)
      .then(() => void (chunk && this.free.push(chunk)))
      .catch((err: unknown) => void (this.failure ??= { err }))
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  private freeChunk(): Buffer {
    return this.free.pop() ?? alignedBuffers(1, CHUNK_BYTES)[0]!;
  }

  /** Waits for every write and the output's last data sync. */
  private async settle(): Promise<void> {
    await Promise.all(this.writes);
    await this.output.close().catch((err: unknown) => void (this.failure ??= { err }));
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** The temporary name a backup is written under until it is complete. */
export function partialFileOf(file: string): string {
  return `${file}.partial`;
}

/**
 * Gives the complete, synced temporary file `temp` the name `file`: an existing file is
 * replaced only with `force`, else the temporary file is removed and DB_BACKUP thrown.
 */
export function publishBackup(temp: string, file: string, o: { readonly force: boolean }): void {
  if (o.force) {
    renameSync(temp, file);
  } else {
    // link() never replaces a file that appeared since the check: no -f, no overwrite.
    try {
      linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        unlinkSync(temp);
        throw backupExists(file);
      }
      throw err;
    }
    unlinkSync(temp);
  }
  syncDirectory(dirname(file));
}

/** Makes a rename or new link in `dir` durable. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
