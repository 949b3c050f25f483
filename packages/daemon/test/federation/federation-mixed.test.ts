// The federation log is backend-neutral (JSON ops, not SQL text): a SQLite master feeds a
// slave whose database is on MariaDB.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { Federation, type Member } from '../../../../test/support/federation.js';
import { eventually } from '../../../../test/support/eventually.js';
import { daemonBackends } from '../support/daemon-backends.js';
import { DaemonRoot } from '../support/daemon-root.js';
import { fedlogIndex, poolNames } from './federation-calls.js';

describe('a MariaDB slave of a SQLite master', function () {
  this.timeout(120_000);
  let federation: Federation;
  let slave: Member;
  const session = (): string => federation.master.root.session;

  before(async () => {
    const mysql = daemonBackends.find((b) => b.name === 'mysql')!;
    federation = await Federation.create({ createRoot: (o) => DaemonRoot.create(o) });
    slave = await federation.addSlave('zone-maria', { conf: await mysql.database() });
  });
  after(() => federation?.stopAll());

  it('applies the master federated writes', async () => {
    const master = federation.masterProcess;
    await master.client.value('one.group.allocate', session(), 'maria-team');
    await master.client.value('one.user.allocate', session(), 'maria', 'pw-maria', '');
    const want = await fedlogIndex(master, session());
    const slaveProcess = federation.process(slave.root);
    await eventually('the slave reaches the master FEDLOG_INDEX', async () =>
      (await fedlogIndex(slaveProcess, session())) === want ? true : undefined,
    );
    assert.ok(
      (await poolNames(slaveProcess.client, session(), 'one.userpool.info')).includes('maria'),
    );
    assert.ok(
      (await poolNames(slaveProcess.client, session(), 'one.grouppool.info')).includes(
        'maria-team',
      ),
    );
    assert.equal((await slaveProcess.client.call('one.user.info', 'maria:pw-maria', -1)).ok, true);
  });
});
