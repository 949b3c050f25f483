import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import type { OneKitError } from '@onekit/core';
import { checkDbConfig, openDatabase } from '../../src/storage/index.js';
import { mariaDbServer, scratchDir } from './backends.js';

const mysqlBase = { backend: 'mysql', server: 'localhost', user: 'oneadmin', dbName: 'opennebula' };

/** A port nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('storage/config', () => {
  it('accepts the DB sections of both backends', () => {
    assert.deepEqual(checkDbConfig({ backend: 'sqlite', file: '/var/lib/one/one.db' }), {
      backend: 'sqlite',
      file: '/var/lib/one/one.db',
    });
    assert.equal(
      checkDbConfig({ ...mysqlBase, port: 0, passwd: 'x', connections: 25 }).backend,
      'mysql',
    );
  });

  const refused: [string, unknown, string][] = [
    ['no section', undefined, 'backend'],
    ['an unknown backend', { backend: 'postgresql' }, 'backend'],
    ['sqlite without a file', { backend: 'sqlite' }, 'file'],
    ['an in-memory sqlite', { backend: 'sqlite', file: ':memory:' }, 'file'],
    ['mysql without a server', { ...mysqlBase, server: '' }, 'server'],
    ['mysql without a user', { ...mysqlBase, user: undefined }, 'user'],
    ['mysql without a database', { ...mysqlBase, dbName: undefined }, 'dbName'],
    ['a database name that needs quoting', { ...mysqlBase, dbName: 'one`; DROP' }, 'dbName'],
    ['a port out of range', { ...mysqlBase, port: 70000 }, 'port'],
    ['a fractional pool size', { ...mysqlBase, connections: 2.5 }, 'connections'],
    ['a password that is not text', { ...mysqlBase, passwd: 42 }, 'passwd'],
  ];
  for (const [what, config, field] of refused) {
    it(`refuses ${what}, naming ${field}`, () => {
      assert.throws(() => checkDbConfig(config), { code: 'CONFIG_INVALID', where: { field } });
    });
  }

  it('refuses a wrong MySQL password without repeating it', async () => {
    const server = await mariaDbServer();
    const passwd = 'wrong-s3cret-value';
    const config = {
      ...mysqlBase,
      server: server.host,
      port: server.port,
      user: server.user,
      passwd,
    };
    await assert.rejects(openDatabase(config), (err: OneKitError) => {
      assert.equal(err.code, 'CONNECTION');
      assert.ok(!`${err.message} ${String(err.cause)}`.includes(passwd));
      return true;
    });
  });

  it('reports an unreachable MySQL server as CONNECTION', async () => {
    await assert.rejects(
      openDatabase({ ...mysqlBase, server: '127.0.0.1', port: await closedPort() }),
      {
        code: 'CONNECTION',
        where: { field: 'server' },
      },
    );
  });

  it('reports a SQLite file that cannot be created as STORAGE, naming the file', async () => {
    const file = join(scratchDir(), 'missing-dir', 'one.db');
    await assert.rejects(openDatabase({ backend: 'sqlite', file }), {
      code: 'STORAGE',
      where: { file },
    });
  });
});
