// Writes a backup file (see backup-format.ts) under a temporary name beside the target,
// hashing every line, and gives it its name only once the end line is on disk: a backup
// that fails half-way leaves no file that looks complete. Backups hold password hashes,
// so the file is created 0600. Lines are encoded straight into the chunks of a
// ChunkedOutput (row-encoding.ts), and like a stream, row() says when to await drained().
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
import { ChunkedOutput } from './chunked-output.js';
import { encodeRow } from './row-encoding.js';
import type { TableSlice } from './table-slices.js';

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

/** Where the rows of a table go: the backup itself, or a spool of it (table-spool.ts). */
export interface RowSink {
  /** Adds a row; false once enough chunks wait for the disk: await drained() then. */
  row(values: readonly ColumnValue[]): boolean;
  drained(): Promise<void>;
}

/** Adds the line of `values` to `output`; false once the output is backed up. */
export function addRow(output: ChunkedOutput, table: BackupTable, values: readonly ColumnValue[]) {
  const def = table.def;
  if (!output.encode((into, at) => encodeRow(into, at, def, values))) {
    output.append(Buffer.from(rowLine(def, values) + '\n'));
  }
  return !output.backedUp;
}

/** Adds the table line that starts the rows of `table`. */
export function addTable(output: ChunkedOutput, table: BackupTable): void {
  output.append(Buffer.from(tableLine(table) + '\n'));
}

export class BackupWriter implements RowSink {
  private readonly hash = createHash('sha256');
  private readonly rows: Record<string, number> = {};
  private readonly output: ChunkedOutput;
  private current: BackupTable | undefined;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly temp: string,
    private readonly fd: number,
    private readonly force: boolean,
  ) {
    this.output = new ChunkedOutput(temp, fd, {
      direct: true,
      onBytes: (bytes) => this.hash.update(bytes),
    });
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
    this.output.append(Buffer.from(headerLine(header) + '\n'));
  }

  table(table: BackupTable): void {
    this.current = table;
    this.rows[table.def.name] = 0;
    addTable(this.output, table);
  }

  row(values: readonly ColumnValue[]): boolean {
    const table = this.current!;
    this.rows[table.def.name]!++;
    return addRow(this.output, table, values);
  }

  drained(): Promise<void> {
    return this.output.drained();
  }

  /** Starts the rows of `slice`: the table's section when it is its first slice. */
  startSlice(slice: TableSlice): void {
    if (slice.first) this.table(slice.table);
    else this.current = slice.table;
  }

  /**
   * Adds a slice whose lines another output is writing to the open file `fd` (a spool),
   * following it until it ends.
   */
  async copySlice(spool: {
    readonly slice: TableSlice;
    readonly fd: number;
    readonly output: ChunkedOutput;
    readonly rows: () => number;
  }): Promise<void> {
    const { table } = spool.slice;
    this.current = table;
    for (let copied = 0; ;) {
      const settled = spool.output.settledTo;
      if (settled > copied) {
        await this.output.appendFrom(spool.fd, copied, settled - copied);
        copied = settled;
      } else if (spool.output.isEnded) {
        break;
      } else {
        await spool.output.settledPast(copied);
      }
    }
    this.rows[table.def.name] = (this.rows[table.def.name] ?? 0) + spool.rows();
  }

  /** Writes the end line, syncs the file and gives it its name. */
  async finish(): Promise<FinishedBackup> {
    let sha256 = '';
    await this.output.end(() => {
      sha256 = this.hash.digest('hex');
      return Buffer.from(endLine({ rows: this.rows, sha256 }) + '\n');
    });
    fsyncSync(this.fd);
    this.close();
    publishBackup(this.temp, this.file, { force: this.force });
    return { rows: this.rows, sha256 };
  }

  /** Drops the temporary file, once no write is left in flight. */
  async abort(): Promise<void> {
    await this.output.abort();
    this.close();
    try {
      unlinkSync(this.temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
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
