// A slice of a text backup (table-slices.ts) read on a connection of its own while an
// earlier slice is still being written to the backup: its rows, after its table line when it
// is the table's first slice, go to a file of their own, which the backup copies in on its
// turn, following it while it is still being written (BackupWriter.copySlice). The file is
// unlinked as soon as it is open: whatever happens to the process, no spool is left behind.
import { closeSync, openSync, unlinkSync } from 'node:fs';
import { OneKitError } from '@onekit/core';
import type { ColumnValue } from '../storage/index.js';
import { addRow, addTable, type RowSink } from './backup-writer.js';
import { ChunkedOutput } from './chunked-output.js';
import type { TableSlice } from './table-slices.js';

export class TableSpool implements RowSink {
  readonly output: ChunkedOutput;
  private count = 0;
  private closed = false;

  private constructor(
    readonly slice: TableSlice,
    readonly fd: number,
    file: string,
  ) {
    // Read back at once: the spool stays in the page cache.
    this.output = new ChunkedOutput(file, fd, { direct: false });
    if (slice.first) addTable(this.output, slice.table);
  }

  /** A spool of `slice` in the file `file` (beside the backup, readable by its owner only). */
  static create(file: string, slice: TableSlice): TableSpool {
    let fd: number;
    try {
      fd = openSync(file, 'w+', 0o600);
    } catch (err) {
      throw new OneKitError('HOST_FILE', `cannot write ${file}`, { file }, { cause: err });
    }
    try {
      const spool = new TableSpool(slice, fd, file);
      unlinkSync(file);
      return spool;
    } catch (err) {
      closeSync(fd);
      unlinkSync(file);
      throw err;
    }
  }

  row(values: readonly ColumnValue[]): boolean {
    this.count++;
    return addRow(this.output, this.slice.table, values);
  }

  drained(): Promise<void> {
    return this.output.drained();
  }

  /** The rows added so far. */
  rows(): number {
    return this.count;
  }

  /** Writes the last rows; the spool can then be copied to its end. */
  end(): Promise<void> {
    return this.output.end();
  }

  /** Gives up: waits for the writes in flight; whoever follows the spool stops there. */
  stop(): Promise<void> {
    return this.output.abort();
  }

  /** Stops and closes the file; again, does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stop();
    closeSync(this.fd);
  }
}
