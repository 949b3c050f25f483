// Writes a backup file (see backup-format.ts) under a temporary name beside the target,
// hashing every line, and gives it its name only once the end line is on disk: a backup
// that fails half-way leaves no file that looks complete. Backups hold password hashes,
// so the file is created 0600.
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
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

/** Lines are encoded into a buffer this big, then hashed and written at once. */
const CHUNK_BYTES = 4 << 20;

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
  private readonly chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private current: BackupTable | undefined;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly temp: string,
    private readonly fd: number,
    private readonly force: boolean,
  ) {}

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
    this.write(headerLine(header));
  }

  table(table: BackupTable): void {
    this.current = table;
    this.rows[table.def.name] = 0;
    this.write(tableLine(table));
  }

  row(values: readonly ColumnValue[]): void {
    const table = this.current!;
    this.write(rowLine(table.def, values));
    this.rows[table.def.name]!++;
  }

  /** Writes the end line, syncs the file and gives it its name. */
  finish(): FinishedBackup {
    this.flush();
    const sha256 = this.hash.digest('hex');
    const end = Buffer.from(endLine({ rows: this.rows, sha256 }) + '\n');
    for (let offset = 0; offset < end.length;) {
      offset += writeSync(this.fd, end, offset, end.length - offset);
    }
    fsyncSync(this.fd);
    this.close();
    publishBackup(this.temp, this.file, { force: this.force });
    return { rows: this.rows, sha256 };
  }

  /** Drops the temporary file. */
  abort(): void {
    this.close();
    try {
      unlinkSync(this.temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  /** Encodes the line straight into the chunk (UTF-8 takes at most 3 bytes a UTF-16 unit). */
  private write(line: string): void {
    const most = line.length * 3 + 1;
    if (this.used + most > CHUNK_BYTES) this.flush();
    if (most > CHUNK_BYTES) {
      this.output(Buffer.from(line + '\n'));
      return;
    }
    this.used += this.chunk.write(line, this.used);
    this.chunk[this.used++] = 10;
  }

  private flush(): void {
    this.output(this.chunk.subarray(0, this.used));
    this.used = 0;
  }

  /** Hashes and writes bytes of the file, in order. */
  private output(data: Buffer): void {
    this.hash.update(data);
    for (let offset = 0; offset < data.length;) {
      offset += writeSync(this.fd, data, offset, data.length - offset);
    }
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
