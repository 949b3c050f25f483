// A slave that was offline while the master purged the federated entries it lacks cannot
// catch up from the log: the master reports it as needing a re-seed (oned's "Missing
// federation record previous to: N") and sends it nothing. Once re-seeded from a federated
// backup and restarted, it catches up by itself.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { loadOnedConf } from '@onekit/core';
import { restoreBackup, takeBackup } from '../../src/backup/index.js';
import { storageConfig } from '../../src/process/index.js';
import { UINT64_MAX } from '../../src/storage/index.js';
import { Federation, type Member } from '../../../../test/support/federation.js';
import { eventually } from '../../../../test/support/eventually.js';
import { openRootDatabase } from '../support/daemon-backends.js';
import { DaemonRoot } from '../support/daemon-root.js';
import { fedlogIndex, federationStatus, poolNames } from './federation-calls.js';

const RETENTION = 4;

async function reseed(from: DaemonRoot, to: DaemonRoot): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onekit-reseed-'));
  try {
    const file = join(dir, 'federated.bck');
    const source = storageConfig(await loadOnedConf(from.paths.onedConf), from.paths);
    await takeBackup({
      db: source,
      file,
      force: false,
      kind: 'federated',
      clock: () => new Date(),
    });
    await restoreBackup({
      file,
      db: storageConfig(await loadOnedConf(to.paths.onedConf), to.paths),
      force: false,
      federated: true,
      daemon: { lockFile: to.paths.lock, isAlive: () => false, endpoint: to.endpoint },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the root's log still holds the federated entry with this index. */
async function holdsFederated(root: DaemonRoot, fedIndex: bigint): Promise<boolean> {
  const db = await openRootDatabase(root);
  try {
    const rows = await db.query(
      'SELECT log_index FROM logdb WHERE fed_index = ? AND fed_index <> ?',
      [fedIndex, UINT64_MAX],
    );
    return rows.length > 0;
  } finally {
    await db.close();
  }
}

describe('a slave behind the master purge', function () {
  this.timeout(120_000);
  let federation: Federation;
  let slave: Member;
  const session = (): string => federation.master.root.session;
  const zoneState = async () =>
    (await federationStatus(federation.masterProcess, session())).find(
      (z) => z.ZONE_ID === slave.zoneId,
    );

  before(async () => {
    federation = await Federation.create({
      createRoot: (o) =>
        DaemonRoot.create({
          ...o,
          conf: (c) => {
            o.conf?.(c);
            c.raft.logRetention = RETENTION;
            c.raft.logPurgeTimeoutSeconds = 1;
          },
        }),
    });
    slave = await federation.addSlave('zone-late');
  });
  after(() => federation?.stopAll());

  it('is reported needs-reseed, then catches up once re-seeded', async () => {
    const master = federation.masterProcess;
    await master.client.value('one.user.allocate', session(), 'early', 'pw', '');
    const slaveLast = await eventually('the slave holds the first user', async () => {
      const want = await fedlogIndex(master, session());
      const got = await fedlogIndex(federation.process(slave.root), session());
      return got === want ? got : undefined;
    });
    await federation.stop(slave.root);
    for (let i = 0; i < 2 * RETENTION; i++) {
      await master.client.value('one.user.allocate', session(), `late${i}`, 'pw', '');
    }
    await eventually(
      'the master purged what the slave lacks',
      async () => ((await holdsFederated(federation.master.root, slaveLast)) ? undefined : true),
      { deadlineMs: 30_000 },
    );

    await federation.start(slave.root);
    const stuck = await eventually('the zone is reported needs-reseed', async () => {
      const zone = await zoneState();
      return zone?.STATE === 'needs-reseed' ? zone : undefined;
    });
    assert.match(stuck.LAST_ERROR, /^Missing federation record previous to: \d+$/);
    assert.equal(stuck.LAST_INDEX, slaveLast);
    const users = await poolNames(
      federation.process(slave.root).client,
      session(),
      'one.userpool.info',
    );
    assert.ok(!users.includes('late0'));

    await federation.stop(slave.root);
    await reseed(federation.master.root, slave.root);
    await federation.start(slave.root);
    await master.client.value('one.user.allocate', session(), 'after', 'pw', '');
    const want = await fedlogIndex(master, session());
    await eventually('the re-seeded slave caught up', async () =>
      (await fedlogIndex(federation.process(slave.root), session())) === want ? true : undefined,
    );
    // The master records the zone's state once the slave's answer reaches it: just after.
    await eventually('the zone reported replicating again', async () =>
      (await zoneState())?.STATE === 'replicating' ? true : undefined,
    );
    const now = await poolNames(
      federation.process(slave.root).client,
      session(),
      'one.userpool.info',
    );
    for (const name of ['early', 'late0', `late${2 * RETENTION - 1}`, 'after']) {
      assert.ok(now.includes(name), name);
    }
  });
});
