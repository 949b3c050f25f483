// Which database onedb works on, from its connection options, as oned's onedb decides:
// nothing given → the DB section of oned.conf; -s FILE or -t sqlite → SQLite (default
// file: the layout's one.db); any MySQL option, or -t mysql → MySQL, where the username
// and the database name are required, the server defaults to localhost and the port to
// 3306, and the password comes from -p, then ONE_DB_PASSWORD, then a question on a
// terminal.
import { OneKitError, type Environment, type OnedConf, type OnePaths } from '@onekit/core';
import { storageConfig } from '../process/daemon-config.js';
import { checkDbConfig, type DbConfig } from '../storage/index.js';

export interface ConnectionFlags {
  /** -s/--sqlite FILE */
  readonly sqlite?: string;
  /** -t/--type */
  readonly type?: 'sqlite' | 'mysql';
  /** -S/--server HOST */
  readonly server?: string;
  /** -P/--port PORT (0: the default port) */
  readonly port?: number;
  /** -u/--username USER */
  readonly username?: string;
  /** -p/--password PASSWORD */
  readonly password?: string;
  /** -d/--dbname NAME */
  readonly dbname?: string;
}

export interface ResolveConnectionOptions {
  readonly flags: ConnectionFlags;
  /** ONE_DB_PASSWORD is read from here. */
  readonly env: Environment;
  readonly paths: OnePaths;
  /** oned.conf, read only when no connection option is given. */
  readonly onedConf: () => Promise<OnedConf>;
  /** Asks for the MySQL password; absent when nobody can answer (no terminal). */
  readonly askPassword?: () => Promise<string>;
}

const mysqlFlags = ['server', 'port', 'username', 'password', 'dbname'] as const;

function required(flag: string, key: string): OneKitError {
  return new OneKitError('FLAG_REQUIRED', `MySQL option ${key} is needed: --${flag}`, {
    field: flag,
  });
}

/** The database the options name; errors name the flag (FLAG_INVALID, FLAG_REQUIRED). */
export async function resolveConnection(o: ResolveConnectionOptions): Promise<DbConfig> {
  const { flags } = o;
  const mysqlFlag = mysqlFlags.find((name) => flags[name] !== undefined);
  const backend = flags.type ?? (flags.sqlite !== undefined ? 'sqlite' : mysqlFlag && 'mysql');
  if (backend === undefined) return storageConfig(await o.onedConf(), o.paths);
  if (backend === 'sqlite') {
    if (mysqlFlag !== undefined) {
      throw new OneKitError('FLAG_INVALID', `--${mysqlFlag} is a MySQL option, not for SQLite`, {
        field: mysqlFlag,
      });
    }
    return checkDbConfig({ backend, file: flags.sqlite ?? o.paths.sqliteDb });
  }
  if (flags.sqlite !== undefined) {
    throw new OneKitError('FLAG_INVALID', '--sqlite names a SQLite file, not a MySQL database', {
      field: 'sqlite',
    });
  }
  if (flags.username === undefined) throw required('username', 'USER');
  if (flags.dbname === undefined) throw required('dbname', 'DBNAME');
  let passwd = flags.password ?? o.env['ONE_DB_PASSWORD'];
  if (passwd === undefined) {
    if (!o.askPassword) {
      throw new OneKitError(
        'FLAG_REQUIRED',
        'the MySQL password is needed: --password or ONE_DB_PASSWORD when not running interactively',
        { field: 'password' },
      );
    }
    passwd = await o.askPassword();
  }
  return checkDbConfig({
    backend,
    server: flags.server ?? 'localhost',
    port: flags.port ?? 0,
    user: flags.username,
    passwd,
    dbName: flags.dbname,
  });
}
