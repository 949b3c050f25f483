// A slave whose own log already uses the log indexes of the master's federated records:
// onedb restore --federated appends those records after the slave's own log, so the slave
// keeps its own records, reports the master's last federated index and joins.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { Federation, type Member } from '../../../../test/support/federation.js';
import { eventually } from '../../../../test/support/eventually.js';
import { daemonBackends } from '../support/daemon-backends.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';
import { loadOnedConf } from '@onekit/core';
import { storageConfig } from '../../src/process/index.js';
import { openDatabase, UINT64_MAX } from '../../src/storage/index.js';
import { fedlogIndex, poolNames } from './federation-calls.js';

/** log_index and fed_index of every record of a root's log, by log_index. */
async function logRecords(root: DaemonRoot): Promise<[bigint, bigint][]> {
  const db = await openDatabase(storageConfig(await loadOnedConf(root.paths.onedConf), root.paths));
  try {
    const rows = await db.query('SELECT log_index, fed_index FROM logdb ORDER BY log_index');
    return rows.map((r) => [BigInt(r.log_index!), BigInt(r.fed_index!)]);
  } finally {
    await db.close();
  }
}

for (const backend of daemonBackends) {
  describe(`federation/federated restore over a slave's own log (${backend.name})`, function () {
    this.timeout(120_000);
    let federation: Federation;
    let slave: Member;
    let fedIndexAtJoin: bigint;
    let standaloneLog: [bigint, bigint][];
    const session = (): string => federation.master.root.session;
    const master = (): DaemonProcess => federation.masterProcess;
    // Written while the slave is standalone: records of its own log (fed_index none).
    const localGroups = ['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7'];

    before(async () => {
      federation = await Federation.create({ createRoot: (o) => DaemonRoot.create(o) });
      for (const name of ['u1', 'u2', 'u3']) {
        await master().client.value('one.user.allocate', session(), name, `pw-${name}`, '');
      }
      slave = await federation.addSlave(
        'zone-overlap',
        { conf: await backend.database() },
        {
          // Its own log covers the log indexes of the master's federated records.
          whileStandalone: async (standalone) => {
            for (const name of localGroups) {
              await standalone.client.value('one.group.allocate', session(), name);
            }
          },
        },
      );
      fedIndexAtJoin = await fedlogIndex(master(), session());
      standaloneLog = (await logRecords(slave.root)).filter(([, fed]) => fed === UINT64_MAX);
    });
    after(() => federation?.stopAll());

    it('appends the federated records after its own log and reports the master last federated index', async () => {
      const slaveProcess = federation.process(slave.root);
      assert.equal(await fedlogIndex(slaveProcess, session()), fedIndexAtJoin);
      const records = await logRecords(slave.root);
      assert.deepEqual(
        records.filter(([, fed]) => fed === UINT64_MAX).slice(0, standaloneLog.length),
        standaloneLog,
      );
      const ownLast = standaloneLog[standaloneLog.length - 1]![0];
      const federated = records.filter(([, fed]) => fed !== UINT64_MAX);
      // The master's indexes overlap the slave's own log; its log indexes do not.
      assert.ok(federated.some(([, fed]) => fed <= ownLast));
      federated.forEach(([index], i) => assert.equal(index, ownLast + 1n + BigInt(i)));
      assert.ok(
        (await poolNames(slaveProcess.client, session(), 'one.userpool.info')).includes('u3'),
      );
      // The federated tables are the master's: the groups written standalone are gone.
      const groups = await poolNames(slaveProcess.client, session(), 'one.grouppool.info');
      assert.equal(groups.includes('g0'), false);
    });

    it('takes the master next federated writes and converges', async () => {
      await master().client.value('one.user.allocate', session(), 'after', 'pw-after', '');
      const want = await fedlogIndex(master(), session());
      assert.ok(want > fedIndexAtJoin);
      const slaveProcess = federation.process(slave.root);
      await eventually('the slave reaches the master FEDLOG_INDEX', async () =>
        (await fedlogIndex(slaveProcess, session())) === want ? true : undefined,
      );
      assert.equal(
        (await slaveProcess.client.call('one.user.info', 'after:pw-after', -1)).ok,
        true,
      );
      // A federated write sent to the slave goes to the master and comes back.
      await slaveProcess.client.value('one.group.allocate', session(), 'via-slave');
      const viaSlave = await fedlogIndex(master(), session());
      await eventually('the slave applies its own forwarded write', async () =>
        (await fedlogIndex(slaveProcess, session())) === viaSlave ? true : undefined,
      );
      assert.ok(
        (await poolNames(slaveProcess.client, session(), 'one.grouppool.info')).includes(
          'via-slave',
        ),
      );
    });
  });
}
