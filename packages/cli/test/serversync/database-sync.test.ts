// serversync --db between two real roots: the server's database, backed up by its onedb
// while its daemon runs, replaces this host's (whose own database is saved first).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultAgentConfig } from '@onekit/agent';
import { after, before, describe, it } from 'mocha';
import { syncDatabase } from '../../src/serversync/index.js';
import { LocalTransport } from '../../src/transport/index.js';
import { DaemonRoot, type DaemonProcess } from '../../../../test/support/daemon.js';

const onedbBin = fileURLToPath(new URL('../../bin/onedb.js', import.meta.url));

async function transportOf(root: DaemonRoot): Promise<LocalTransport> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ONE_LOCATION: root.dir };
  const config = {
    ...defaultAgentConfig(root.paths),
    onedb: { command: process.execPath, args: [onedbBin] },
  };
  return LocalTransport.create({ env, paths: root.paths, config, host: root.host });
}

describe('serversync/database-sync', function () {
  this.timeout(120_000);
  let server: DaemonRoot;
  let here: DaemonRoot;
  let serverDaemon: DaemonProcess;

  before(async () => {
    server = await DaemonRoot.create();
    here = await DaemonRoot.create();
    await (await here.start()).stop();
    serverDaemon = await server.start();
    await serverDaemon.client.value(
      'one.user.allocate',
      server.session,
      'only-on-server',
      'pw',
      '',
      [],
    );
  });

  after(async () => {
    await serverDaemon?.stop();
    server?.remove();
    here?.remove();
  });

  it("replaces this host's database with the server's and keeps the old one", async () => {
    const [local, remote] = [await transportOf(here), await transportOf(server)];
    const backupDir = posix.join(here.paths.var, 'backups', 'serversync', 'db-test');
    const outcome = await syncDatabase({ local, remote, backupDir, id: 'db-test' });
    await Promise.all([local.close(), remote.close()]);
    assert.ok(existsSync(outcome.saved), 'this host database was saved');
    assert.ok(existsSync(outcome.copy));
    assert.equal(outcome.restarted, false);
    const daemon = await here.start();
    try {
      const pool = String(await daemon.client.value('one.userpool.info', here.session));
      assert.match(pool, /<NAME>only-on-server<\/NAME>/);
    } finally {
      await daemon.stop();
    }
  });
});
