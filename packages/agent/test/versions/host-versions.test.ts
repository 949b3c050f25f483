import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { resolvePaths } from '@onekit/core';
import {
  hostVersions,
  osNameOf,
  readSchemaVersions,
  schemaOfOnedbVersion,
} from '../../src/versions/index.js';

describe('versions/host-versions', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-versions-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads the system name from os-release', () => {
    assert.equal(
      osNameOf(
        'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n',
      ),
      'Debian GNU/Linux 12 (bookworm)',
    );
    assert.equal(osNameOf("NAME='Alpine \\'Linux\\''\n"), "Alpine 'Linux'");
    assert.equal(osNameOf('# nothing\n'), undefined);
  });

  it('reads the schema versions of the newest rows of a SQLite database', async () => {
    const paths = resolvePaths({ oneLocation: dir });
    assert.equal(await readSchemaVersions(paths), undefined, 'no database');
    await mkdir(paths.var, { recursive: true });
    const db = new Database(paths.sqliteDb);
    db.exec('CREATE TABLE db_versioning (oid INTEGER PRIMARY KEY, version VARCHAR(256))');
    db.exec("INSERT INTO db_versioning VALUES (0, '7.4.0'), (1, '7.6.0')");
    db.close();
    assert.equal(await readSchemaVersions(paths), undefined, 'no local table yet');
    const again = new Database(paths.sqliteDb);
    again.exec('CREATE TABLE local_db_versioning (oid INTEGER PRIMARY KEY, version VARCHAR(256))');
    again.exec("INSERT INTO local_db_versioning VALUES (0, '7.6.0')");
    again.close();
    assert.deepEqual(await readSchemaVersions(paths), { shared: '7.6.0', local: '7.6.0' });

    // A host whose oned.conf names MySQL has no SQLite schema to report.
    await mkdir(paths.etc, { recursive: true });
    await writeFile(
      paths.onedConf,
      'DB = [ BACKEND = "mysql", SERVER = "localhost", PORT = 0, USER = "oneadmin", PASSWD = "x", DB_NAME = "opennebula" ]\n',
    );
    assert.equal(await readSchemaVersions(paths), undefined);
  });

  it('reports the OneKit release, the OS and no schema without a database', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const versions = await hostVersions({
      paths: resolvePaths({ oneLocation: dir }),
      platform: 'linux',
      release: '6.1.0',
      osRelease: async () => 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    });
    assert.deepEqual(versions, {
      onekit: manifest.version,
      os: { platform: 'linux', release: '6.1.0', name: 'Debian GNU/Linux 12 (bookworm)' },
    });
  });

  it('asks onedb for the schema of a database it cannot read itself (MySQL)', async () => {
    const printed = 'Shared: 7.6.0\nLocal:  7.6.1\nRequired shared version: 7.6.0\n';
    const versions = await hostVersions({
      paths: resolvePaths({ oneLocation: dir }),
      platform: 'linux',
      release: '6.1.0',
      osRelease: async () => undefined,
      onedbVersion: async () => printed,
    });
    assert.deepEqual(versions.schema, { shared: '7.6.0', local: '7.6.1' });
    assert.equal(schemaOfOnedbVersion('onedb: cannot connect'), undefined);
  });
});
