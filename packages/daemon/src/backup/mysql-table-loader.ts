// Loads the rows of one table into MySQL/MariaDB on a connection of its own, in bulk
// INSERTs sized well under max_allowed_packet; a restore runs several loaders at once, one
// table each, to keep more than one server thread busy. Batches are sent without waiting
// for the previous one, so the server inserts while the next batch is read and encoded.
// (Measured and left out: LOAD DATA LOCAL INFILE, which took MariaDB more CPU than these
// INSERTs, and one transaction per table with unique checks off, MariaDB's bulk path, which
// was slower for these wide rows.)
import type { ColumnValue, TableDef } from '../storage/index.js';
import type { DbSession } from './db-session.js';

/**
 * A bulk INSERT carries at most these rows, or about this much text: well under the
 * server's smallest default max_allowed_packet (4 MB in MySQL 5.7, 16 MB in MariaDB).
 */
const INSERT_BATCH_ROWS = 2000;
const INSERT_BATCH_BYTES = 2 << 20;

/** Batches sent and not yet answered: enough to keep the server busy, few for memory. */
const BATCHES_IN_FLIGHT = 2;

export class MysqlTableLoader {
  private values: ColumnValue[] = [];
  private rows = 0;
  private bytes = 0;
  private readonly inFlight: Promise<unknown>[] = [];
  private readonly insertInto: string;
  private readonly rowPlaceholders: string;

  /** Rows of `def` go into the table `into` through `session`. */
  constructor(
    readonly session: DbSession,
    readonly def: TableDef,
    into: string,
  ) {
    const columns = def.columns.map((c) => session.quote(c.name)).join(', ');
    this.insertInto = `INSERT INTO ${session.quote(into)} (${columns}) VALUES `;
    this.rowPlaceholders = `(${def.columns.map(() => '?').join(', ')})`;
  }

  async insert(values: readonly ColumnValue[]): Promise<void> {
    for (const value of values) {
      this.values.push(value);
      this.bytes += typeof value === 'string' ? value.length : 8;
    }
    if (++this.rows >= INSERT_BATCH_ROWS || this.bytes >= INSERT_BATCH_BYTES) await this.send();
  }

  /** Sends what is left and waits until every row is in; throws the first failure. */
  async finish(): Promise<void> {
    await this.send();
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  /** Waits for whatever was sent, failed or not, so that the session can be closed. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.inFlight.splice(0));
  }

  /** Sends the batch, waiting only when too many are unanswered. */
  private async send(): Promise<void> {
    if (this.rows === 0) return;
    const sql = this.insertInto + Array(this.rows).fill(this.rowPlaceholders).join(', ');
    const statement = this.session.run(sql, this.values);
    // Handled here so that a failure waiting its turn is never reported as unhandled.
    statement.catch(() => undefined);
    this.inFlight.push(statement);
    this.values = [];
    this.rows = 0;
    this.bytes = 0;
    while (this.inFlight.length > BATCHES_IN_FLIGHT) await this.inFlight.shift();
  }
}
