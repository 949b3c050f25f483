// The tables of a text backup, read in slices (table-slices.ts) on several sessions of one
// snapshot at once and written to the backup in their order. A slice taken once every
// earlier one is in the backup is written to it straight; one taken while an earlier slice
// is still being written goes to a spool (table-spool.ts), which whoever finishes the slice
// before it copies in, following the spool if its rows are still coming. A failure on one
// session stops the others.
import type { DbSession } from './db-session.js';
import type { BackupWriter, RowSink } from './backup-writer.js';
import type { TableSlice } from './table-slices.js';
import { TableSpool } from './table-spool.js';

export interface TableReading {
  /** Reads the rows of `slice` on `session` into `sink`, throwing once `stopped()`. */
  read(session: DbSession, slice: TableSlice, sink: RowSink, stopped: () => boolean): Promise<void>;
  /** A file name the spool of the `index`th slice may take for a moment. */
  spoolFile(index: number): string;
}

export async function writeTables(
  writer: BackupWriter,
  sessions: readonly DbSession[],
  slices: readonly TableSlice[],
  reading: TableReading,
): Promise<void> {
  const spools = new Map<number, TableSpool>();
  let next = 0;
  /** Slices wholly in the backup: the next one may be written to it straight. */
  let written = 0;
  let failure: { readonly err: unknown } | undefined;
  const stopped = () => failure !== undefined;

  /** Copies in the spools whose turn has come, in order. */
  async function copySpools(): Promise<void> {
    for (let spool = spools.get(written); spool && !stopped(); spool = spools.get(written)) {
      await writer.copySlice(spool);
      spools.delete(written);
      await spool.close();
      written++;
    }
  }

  async function work(session: DbSession): Promise<void> {
    while (next < slices.length && !stopped()) {
      const index = next++;
      const slice = slices[index]!;
      if (index === written) {
        writer.startSlice(slice);
        await reading.read(session, slice, writer, stopped);
        written++;
        await copySpools();
      } else {
        const spool = TableSpool.create(reading.spoolFile(index), slice);
        spools.set(index, spool);
        try {
          await reading.read(session, slice, spool, stopped);
          await spool.end();
        } catch (err) {
          // Stopped, the spool lets go of whoever follows it; its file closes at the end.
          await spool.stop();
          throw err;
        }
      }
    }
  }

  await Promise.all(
    sessions.map((session) => work(session).catch((err: unknown) => void (failure ??= { err }))),
  );
  await Promise.all([...spools.values()].map((spool) => spool.close()));
  if (failure) throw failure.err;
}
