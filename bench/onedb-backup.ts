// onedb backup and restore of a big database (ONEDB_BENCH_MB, default 500 MB: users with
// large template bodies and log records) beside the tools an operator would otherwise use
// on the same data in the same run: the sqlite3 CLI's .backup and .dump (and reading a
// dump back), mysqldump and `mysql <`. Figures are MB/s of the SQLite file's size; the
// ratio is onedb's rate over the tool's (above 1: onedb is faster).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { convertDatabase } from '../packages/daemon/src/convert/index.js';
import { openDatabase, type MysqlConfig } from '../packages/daemon/src/storage/index.js';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION } from '../packages/daemon/src/version/index.js';
import { freePort } from '../test/support/daemon.js';
import { startMariaDb } from '../test/support/mariadb.js';
import { fmt, median, type Figure } from './support/measure.js';

const TARGET_MB = Number(process.env['ONEDB_BENCH_MB'] ?? 500);
const USER_BODY_BYTES = 24_000;
const LOG_SQLCMD_BYTES = 3_000;
const onedbBin = fileURLToPath(new URL('../packages/cli/bin/onedb.js', import.meta.url));

/** Runs of each command: the machine is shared, so the median of several counts. */
const RUNS = Number(process.env['ONEDB_BENCH_RUNS'] ?? 3);

function once(command: string, env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sh', ['-c', command], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`${command} exited ${r.status}: ${r.stderr}`);
  return Number(t1 - t0) / 1e9;
}

/**
 * Median wall seconds of a shell command (redirections allowed), each run after `reset`
 * (which removes what the previous run wrote); throws on failure.
 */
function seconds(command: string, env: NodeJS.ProcessEnv = process.env, reset = ''): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (reset) once(reset, env);
    samples.push(once(command, env));
  }
  return median(samples);
}

const q = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Users (half the size) and log records (the other half), written straight to SQLite. */
export async function buildDatabase(file: string, megabytes: number): Promise<void> {
  const db = await openDatabase({ backend: 'sqlite', file });
  await db.createSchema();
  await db.close();
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  const users = Math.ceil((megabytes * 1e6) / 2 / USER_BODY_BYTES);
  const records = Math.ceil((megabytes * 1e6) / 2 / LOG_SQLCMD_BYTES);
  const insertUser = sqlite.prepare(
    'INSERT INTO user_pool (oid, name, body, uid, gid, owner_u, group_u, other_u) VALUES (?, ?, ?, ?, 1, 1, 0, 0)',
  );
  const insertLog = sqlite.prepare(
    'INSERT INTO logdb (log_index, term, sqlcmd, timestamp, fed_index, applied) VALUES (?, 1, ?, 1700000000, -1, 1)',
  );
  const text = (bytes: number) => randomBytes((bytes * 3) / 4).toString('base64');
  sqlite.transaction(() => {
    for (let oid = 0; oid < users; oid++) {
      const body = `<USER><ID>${oid}</ID><NAME>user${oid}</NAME><TEMPLATE><SSH_PUBLIC_KEY><![CDATA[${text(USER_BODY_BYTES)}]]></SSH_PUBLIC_KEY></TEMPLATE></USER>`;
      insertUser.run(oid, `user${oid}`, body, oid);
    }
    for (let index = 1; index <= records; index++) insertLog.run(index, text(LOG_SQLCMD_BYTES));
    sqlite
      .prepare("INSERT INTO db_versioning VALUES (0, ?, 1700000000, 'bench')")
      .run(SHARED_DB_VERSION);
    sqlite
      .prepare("INSERT INTO local_db_versioning VALUES (0, ?, 1700000000, 'bench', 0)")
      .run(LOCAL_DB_VERSION);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

function figure(what: string, mb: number, onekit: number, tool: string, baseline: number): Figure {
  const rate = (s: number) => `${fmt.rate(mb / s, 'MB/s')} (${s.toFixed(1)} s)`;
  return {
    bench: 'onedb-backup',
    case: `${what} (${mb.toFixed(0)} MB)`,
    value: `onedb ${rate(onekit)}`,
    baseline: `${tool} ${rate(baseline)}`,
    ratio: fmt.ratio(baseline / onekit),
  };
}

export async function onedbBackup(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'onekit-bench-onedb-'));
  const mariadb = await startMariaDb();
  // No daemon answers here: restore's daemon check finds the endpoint closed.
  const port = await freePort('127.0.0.1');
  const env = { ...process.env, ONE_LOCATION: dir, ONE_XMLRPC: `http://127.0.0.1:${port}/RPC2` };
  const onedb = (args: string) => `${q(process.execPath)} ${q(onedbBin)} ${args}`;
  const file = (name: string) => path.join(dir, name);
  try {
    const source = file('one.db');
    process.stderr.write(`  building a ${TARGET_MB} MB database...\n`);
    await buildDatabase(source, TARGET_MB);
    const mb = statSync(source).size / 1e6;
    // Every tool then reads the file from the page cache alike.
    once(`cat ${q(source)} > /dev/null`, env);
    const figures: Figure[] = [];

    // Each tool writes a new file: replacing the previous run's (freeing its pages) is not
    // timed, for onedb as for sqlite3.
    const sqliteBackup = seconds(
      onedb(`backup -s ${q(source)} ${q(file('onedb.bck'))}`),
      env,
      `rm -f ${q(file('onedb.bck'))}`,
    );
    const dotBackup = seconds(
      `sqlite3 ${q(source)} ".backup ${file('copy.db')}"`,
      env,
      `rm -f ${q(file('copy.db'))}`,
    );
    const dump = seconds(
      `sqlite3 ${q(source)} .dump > ${q(file('dump.sql'))}`,
      env,
      `rm -f ${q(file('dump.sql'))}`,
    );
    figures.push(figure('SQLite backup', mb, sqliteBackup, 'sqlite3 .backup', dotBackup));
    figures.push(figure('SQLite backup', mb, sqliteBackup, 'sqlite3 .dump', dump));
    const sqliteRestore = seconds(
      onedb(`restore -s ${q(file('restored.db'))} ${q(file('onedb.bck'))}`),
      env,
      `rm -f ${q(file('restored.db'))}`,
    );
    const readDump = seconds(
      `sqlite3 ${q(file('from-dump.db'))} < ${q(file('dump.sql'))}`,
      env,
      `rm -f ${q(file('from-dump.db'))}`,
    );
    figures.push(figure('SQLite restore', mb, sqliteRestore, 'sqlite3 < dump', readDump));

    const mysql: MysqlConfig = {
      backend: 'mysql',
      server: mariadb.host,
      port: mariadb.port,
      user: mariadb.user,
      passwd: mariadb.password,
      dbName: 'bench_onedb',
    };
    const daemon = { lockFile: file('no-lock'), isAlive: () => false, endpoint: env.ONE_XMLRPC };
    const t0 = process.hrtime.bigint();
    await convertDatabase({
      from: { backend: 'sqlite', file: source },
      to: mysql,
      force: false,
      daemon,
      clock: () => new Date(),
    });
    const copied = Number(process.hrtime.bigint() - t0) / 1e9;
    const mysqlEnv = { ...env, ONE_DB_PASSWORD: mariadb.password, MYSQL_PWD: mariadb.password };
    const connection = `-S ${mariadb.host} -P ${mariadb.port} -u ${mariadb.user}`;
    const client = `-h ${mariadb.host} -P ${mariadb.port} -u ${mariadb.user}`;
    const mysqlBackup = seconds(
      onedb(`backup -f ${connection} -d bench_onedb ${q(file('mysql.bck'))}`),
      mysqlEnv,
    );
    const mysqldump = seconds(
      `mysqldump ${client} --single-transaction bench_onedb > ${q(file('mysql.sql'))}`,
      mysqlEnv,
    );
    figures.push(figure('MariaDB backup', mb, mysqlBackup, 'mysqldump', mysqldump));
    const mysqlRestore = seconds(
      onedb(`restore -f ${connection} -d bench_onedb ${q(file('mysql.bck'))}`),
      mysqlEnv,
    );
    const mysqlRead = seconds(
      `mysql ${client} bench_dump < ${q(file('mysql.sql'))}`,
      mysqlEnv,
      `mysql ${client} -e 'DROP DATABASE IF EXISTS bench_dump; CREATE DATABASE bench_dump'`,
    );
    figures.push(figure('MariaDB restore', mb, mysqlRestore, 'mysql < dump', mysqlRead));
    figures.push({
      bench: 'onedb-backup',
      case: `sqlite2mysql (${mb.toFixed(0)} MB)`,
      value: `${fmt.rate(mb / copied, 'MB/s')} (${copied.toFixed(1)} s)`,
      baseline: `mysql < dump ${fmt.rate(mb / mysqlRead, 'MB/s')}`,
      ratio: fmt.ratio(mysqlRead / copied),
    });
    return figures;
  } finally {
    await mariadb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
