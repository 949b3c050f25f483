import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseOnedConf, resolvePaths, type OnedConf } from '@onekit/core';
import { resolveConnection, type ConnectionFlags } from '../../src/backup/index.js';

const paths = resolvePaths({ oneLocation: '/srv/one' });
const sqliteConf = parseOnedConf('PORT = 2633\n');
const mysqlConf = parseOnedConf(
  'DB = [ BACKEND = "mysql", SERVER = "db.example", PORT = 3307, USER = "oneadmin", ' +
    'PASSWD = "from-conf", DB_NAME = "opennebula" ]\n',
);

const unread = async (): Promise<OnedConf> => assert.fail('oned.conf must not be read');

function resolve(
  flags: ConnectionFlags,
  o: { env?: Record<string, string>; conf?: OnedConf; ask?: () => Promise<string> } = {},
) {
  return resolveConnection({
    flags,
    env: o.env ?? {},
    paths,
    onedConf: o.conf ? async () => o.conf! : unread,
    ...(o.ask && { askPassword: o.ask }),
  });
}

describe('backup/connection-options', () => {
  it('takes the DB section of oned.conf when no option is given', async () => {
    assert.deepEqual(await resolve({}, { conf: sqliteConf }), {
      backend: 'sqlite',
      file: '/srv/one/var/one.db',
    });
    const mysql = await resolve({}, { conf: mysqlConf, env: { ONE_DB_PASSWORD: 'ignored' } });
    assert.deepEqual(
      { ...mysql, connections: undefined },
      {
        backend: 'mysql',
        server: 'db.example',
        port: 3307,
        user: 'oneadmin',
        passwd: 'from-conf',
        dbName: 'opennebula',
        connections: undefined,
      },
    );
  });

  it('uses SQLite for -s FILE and for -t sqlite, whose file is the layout one.db', async () => {
    assert.deepEqual(await resolve({ sqlite: '/tmp/other.db' }), {
      backend: 'sqlite',
      file: '/tmp/other.db',
    });
    assert.deepEqual(await resolve({ type: 'sqlite' }), {
      backend: 'sqlite',
      file: '/srv/one/var/one.db',
    });
    await assert.rejects(resolve({ type: 'sqlite', username: 'u' }), {
      code: 'FLAG_INVALID',
      where: { field: 'username' },
    });
    await assert.rejects(resolve({ type: 'mysql', sqlite: '/tmp/x.db' }), {
      code: 'FLAG_INVALID',
      where: { field: 'sqlite' },
    });
  });

  it('uses MySQL for any MySQL option: localhost, port 0, user and dbname required', async () => {
    assert.deepEqual(await resolve({ username: 'one', dbname: 'onedb', password: 'pw' }), {
      backend: 'mysql',
      server: 'localhost',
      port: 0,
      user: 'one',
      passwd: 'pw',
      dbName: 'onedb',
    });
    await assert.rejects(resolve({ dbname: 'onedb', password: 'pw' }), {
      code: 'FLAG_REQUIRED',
      where: { field: 'username' },
    });
    await assert.rejects(resolve({ type: 'mysql', username: 'one', password: 'pw' }), {
      code: 'FLAG_REQUIRED',
      where: { field: 'dbname' },
    });
    await assert.rejects(resolve({ username: 'one', dbname: 'one-db', password: 'pw' }), {
      code: 'CONFIG_INVALID',
      where: { field: 'dbName' },
    });
  });

  it('takes the password from -p, then ONE_DB_PASSWORD, then a question if one can be asked', async () => {
    const flags = { server: 'db', port: 3306, username: 'one', dbname: 'onedb' };
    const env = { ONE_DB_PASSWORD: 'from-env' };
    const never = async () => assert.fail('no question expected');
    const passwd = async (f: ConnectionFlags, o: Parameters<typeof resolve>[1]) =>
      ((await resolve(f, o)) as { passwd?: string }).passwd;
    assert.equal(await passwd({ ...flags, password: 'flag' }, { env, ask: never }), 'flag');
    assert.equal(await passwd(flags, { env, ask: never }), 'from-env');
    assert.equal(await passwd(flags, { ask: async () => 'typed' }), 'typed');
    await assert.rejects(resolve(flags), { code: 'FLAG_REQUIRED', where: { field: 'password' } });
  });
});
