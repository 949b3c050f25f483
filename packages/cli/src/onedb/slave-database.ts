// The slave database of onedb import-slave, from its own options (upstream's
// --slave-server/-port/-username/-password/-dbname, or --slave-sqlite FILE).
import { resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { OneKitError } from '@onekit/core';
import type { DbConfig } from '@onekit/daemon';

const helpGroup = 'SLAVE DATABASE';

export const slaveDatabaseFlags = {
  'slave-sqlite': Flags.string({
    description: "The slave's SQLite database file.",
    helpValue: 'FILE',
    helpGroup,
  }),
  'slave-server': Flags.string({
    description: "The slave's MySQL server. Default: localhost.",
    helpValue: 'HOST',
    helpGroup,
  }),
  'slave-port': Flags.integer({
    description: "The slave's MySQL port. Default: 3306.",
    helpValue: 'PORT',
    min: 0,
    max: 65535,
    helpGroup,
  }),
  'slave-username': Flags.string({
    description: "The slave's MySQL user.",
    helpValue: 'USER',
    helpGroup,
  }),
  'slave-password': Flags.string({
    description: "The slave's MySQL password. Default: asked for when running on a terminal.",
    helpValue: 'PASSWORD',
    helpGroup,
  }),
  'slave-dbname': Flags.string({
    description: "The slave's MySQL database.",
    helpValue: 'NAME',
    helpGroup,
  }),
};

export interface SlaveFlagValues {
  'slave-sqlite'?: string | undefined;
  'slave-server'?: string | undefined;
  'slave-port'?: number | undefined;
  'slave-username'?: string | undefined;
  'slave-password'?: string | undefined;
  'slave-dbname'?: string | undefined;
}

const required = (flag: string, what: string) =>
  new OneKitError('FLAG_REQUIRED', `${what} is needed: --${flag}`, { field: flag });

export async function slaveDatabase(
  flags: SlaveFlagValues,
  askPassword: (() => Promise<string>) | undefined,
): Promise<DbConfig> {
  const mysqlGiven = (
    ['slave-server', 'slave-port', 'slave-username', 'slave-password', 'slave-dbname'] as const
  ).find((f) => flags[f] !== undefined);
  if (flags['slave-sqlite'] !== undefined) {
    if (mysqlGiven) {
      throw new OneKitError(
        'FLAG_INVALID',
        `--${mysqlGiven} is a MySQL option; the slave is --slave-sqlite`,
        {
          field: mysqlGiven,
        },
      );
    }
    return { backend: 'sqlite', file: resolve(flags['slave-sqlite']) };
  }
  if (!mysqlGiven)
    throw required(
      'slave-sqlite',
      'the slave database (--slave-sqlite, or the --slave-* MySQL options)',
    );
  const user = flags['slave-username'];
  const dbName = flags['slave-dbname'];
  if (user === undefined) throw required('slave-username', "the slave's MySQL user");
  if (dbName === undefined) throw required('slave-dbname', "the slave's MySQL database");
  let passwd = flags['slave-password'];
  if (passwd === undefined) {
    if (!askPassword)
      throw required('slave-password', "the slave's MySQL password (no terminal to ask on)");
    passwd = await askPassword();
  }
  return {
    backend: 'mysql',
    server: flags['slave-server'] ?? 'localhost',
    port: flags['slave-port'] ?? 0,
    user,
    passwd,
    dbName,
  };
}
