// A MySQL restore builds new tables beside the live ones (onekit_restore_<table>), then
// swaps them in with one RENAME TABLE statement, which the server applies atomically: the
// live tables move to onekit_replaced_<table> and are dropped afterwards. Only privileges
// on the database itself are needed. Rows are loaded by several connections at once, one
// table each (mysql-table-loader.ts).
import type { ColumnValue, MysqlConfig, TableDef } from '../storage/index.js';
import { createIndexSql, createTableSql, tables } from '../storage/index.js';
import type { DbSession } from './db-session.js';
import { logTailOf, type LogTail } from './federated-log-rows.js';
import type { RowFilter } from './federated-rows.js';
import { openMysqlSession } from './mysql-session.js';
import { MysqlTableLoader } from './mysql-table-loader.js';
import type { RestoreTarget, RestoreTargetOptions } from './restore-target.js';
import { currentVersion } from './version-rows.js';

/** Tables loaded at once, each on its own connection. */
export const MYSQL_LOAD_CONCURRENCY = 3;

const NEW = 'onekit_restore_';
const OLD = 'onekit_replaced_';

class MysqlRestoreTarget implements RestoreTarget {
  /** Tables built in the new set, by live name. */
  private readonly built = new Set<string>();
  /** The table being loaded, by live name. */
  private readonly loaders = new Map<string, MysqlTableLoader>();
  /** Connections of finished loaders, for the next tables. */
  private readonly idle: DbSession[] = [];
  private readonly loadSessions: DbSession[] = [];
  private closed = false;
  readonly loadConcurrency = MYSQL_LOAD_CONCURRENCY;

  constructor(
    private readonly session: DbSession,
    private readonly config: MysqlConfig,
    private readonly live: ReadonlySet<string>,
    private readonly fromLive: boolean,
  ) {}

  private q(name: string): string {
    return this.session.quote(name);
  }

  async createTable(def: TableDef): Promise<void> {
    const renamed = { ...def, name: NEW + def.name };
    await this.session.run(createTableSql(renamed));
    for (const index of def.indexes) await this.session.run(createIndexSql(renamed, index));
    this.built.add(def.name);
  }

  async keepLocalRows(def: TableDef, filter: RowFilter): Promise<number> {
    await this.createTable(def);
    if (!this.live.has(def.name)) return 0;
    const columns = def.columns.map((c) => this.q(c.name)).join(', ');
    return this.session.run(
      `INSERT INTO ${this.q(NEW + def.name)} (${columns}) ` +
        `SELECT ${columns} FROM ${this.q(def.name)} WHERE NOT (${filter.sql})`,
      [...filter.params],
    );
  }

  async insert(def: TableDef, values: readonly ColumnValue[]): Promise<void> {
    await (this.loaders.get(def.name) ?? (await this.startLoader(def))).insert(values);
  }

  private async startLoader(def: TableDef): Promise<MysqlTableLoader> {
    let session = this.idle.pop();
    if (!session) {
      session = (await openMysqlSession(this.config, { create: false }))!;
      this.loadSessions.push(session);
    }
    // Another row of the table may have started a loader meanwhile.
    const started = this.loaders.get(def.name);
    if (started) {
      this.idle.push(session);
      return started;
    }
    const loader = new MysqlTableLoader(session, def, NEW + def.name);
    this.loaders.set(def.name, loader);
    return loader;
  }

  async finishTable(def: TableDef): Promise<void> {
    const loader = this.loaders.get(def.name);
    if (!loader) return;
    await loader.finish();
    this.loaders.delete(def.name);
    this.idle.push(loader.session);
  }

  async finishLoad(): Promise<void> {
    for (const loader of [...this.loaders.values()]) await this.finishTable(loader.def);
  }

  private async closeLoadSessions(): Promise<void> {
    await Promise.allSettled([...this.loaders.values()].map((loader) => loader.abandon()));
    this.loaders.clear();
    await Promise.allSettled(this.loadSessions.splice(0).map((session) => session.close()));
  }

  /** The name a table of the new database has until the swap. */
  private current(table: string): string | undefined {
    if (this.built.has(table)) return NEW + table;
    return this.live.has(table) ? table : undefined;
  }

  async count(table: string): Promise<number> {
    const name = this.current(table);
    if (!name) return 0;
    const [row] = await this.session.query(`SELECT COUNT(*) AS n FROM ${this.q(name)}`);
    return Number(row!.n);
  }

  rows(def: TableDef): AsyncIterable<ColumnValue[]> {
    const columns = def.columns.map((c) => this.q(c.name)).join(', ');
    return this.session.stream(
      `SELECT ${columns} FROM ${this.q(this.current(def.name) ?? def.name)}`,
    );
  }

  async logTail(): Promise<LogTail> {
    const name = this.current('logdb');
    return name ? logTailOf(this.session, name) : { index: 0n, term: 0 };
  }

  async version(table: string): Promise<string | undefined> {
    const name = this.current(table);
    return name ? (await currentVersion(this.session, this.q(name)))?.version : undefined;
  }

  async swap(): Promise<void> {
    // A full restore leaves no table of the schema behind that the backup did not have.
    const gone = this.fromLive
      ? []
      : tables.map((t) => t.name).filter((n) => this.live.has(n) && !this.built.has(n));
    const replaced = [...[...this.built].filter((n) => this.live.has(n)), ...gone];
    const renames = [
      ...replaced.map((n) => `${this.q(n)} TO ${this.q(OLD + n)}`),
      ...[...this.built].map((n) => `${this.q(NEW + n)} TO ${this.q(n)}`),
    ];
    await this.session.run(`RENAME TABLE ${renames.join(', ')}`);
    if (replaced.length > 0) {
      await this.session.run(`DROP TABLE ${replaced.map((n) => this.q(OLD + n)).join(', ')}`);
    }
    this.closed = true;
    await this.closeLoadSessions();
    await this.session.close();
  }

  async discard(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.closeLoadSessions();
    if (this.built.size > 0) {
      const names = [...this.built].map((n) => this.q(NEW + n));
      await this.session.run(`DROP TABLE IF EXISTS ${names.join(', ')}`);
    }
    await this.session.close();
  }
}

export async function openMysqlRestoreTarget(
  config: MysqlConfig,
  o: RestoreTargetOptions,
): Promise<RestoreTarget> {
  const session = (await openMysqlSession(config, { create: true }))!;
  try {
    const names = await session.tableNames();
    // Left by a restore that was killed half-way: never part of the live database.
    const leftovers = [...names].filter((n) => n.startsWith(NEW) || n.startsWith(OLD));
    if (leftovers.length > 0) {
      await session.run(`DROP TABLE ${leftovers.map(session.quote).join(', ')}`);
    }
    const live = new Set([...names].filter((n) => !leftovers.includes(n)));
    return new MysqlRestoreTarget(session, config, live, o.fromLive);
  } catch (err) {
    await session.close();
    throw err;
  }
}
