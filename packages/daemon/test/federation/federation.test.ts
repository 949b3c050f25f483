// A federation of real daemons on loopback: a solo master and two solo slaves set up as the
// federation guide says. Federated writes made on the master reach both slaves through the
// federation log, FEDLOG_INDEX converges, and a slave stopped while the master writes
// catches up when it starts again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { Federation, type Member } from '../../../../test/support/federation.js';
import { eventually } from '../../../../test/support/eventually.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';
import { fedlogIndex, federationStatus, poolNames } from './federation-calls.js';

describe('federation log shipping between daemons', function () {
  this.timeout(120_000);
  let federation: Federation;
  let zoneA: Member;
  let zoneB: Member;

  const master = (): DaemonProcess => federation.masterProcess;
  const session = (): string => federation.master.root.session;

  before(async () => {
    federation = await Federation.create({ createRoot: (o) => DaemonRoot.create(o) });
    zoneA = await federation.addSlave('zone-a');
    zoneB = await federation.addSlave('zone-b');
  });
  after(() => federation?.stopAll());

  const converged = async (member: Member): Promise<bigint> => {
    const want = await fedlogIndex(master(), session());
    return eventually(`zone ${member.zoneId} reaches FEDLOG_INDEX ${want}`, async () => {
      const got = await fedlogIndex(federation.process(member.root), session());
      return got === want ? got : undefined;
    });
  };

  it('replicates users, groups and ACL rules to every slave', async () => {
    const client = master().client;
    assert.equal(
      (await client.call('one.user.allocate', session(), 'alice', 'pw-alice', '')).ok,
      true,
    );
    assert.equal((await client.call('one.group.allocate', session(), 'team')).ok, true);
    const rule = await client.call('one.acl.addrule', session(), '@100', 'ZONE/*', 'USE', '*');
    assert.equal(rule.ok, true);

    for (const member of [zoneA, zoneB]) {
      await converged(member);
      const slave = federation.process(member.root).client;
      assert.ok((await poolNames(slave, session(), 'one.userpool.info')).includes('alice'));
      assert.ok((await poolNames(slave, session(), 'one.grouppool.info')).includes('team'));
      assert.equal(
        await slave.value('one.acl.info', session()),
        await client.value('one.acl.info', session()),
      );
      // The replicated user authenticates on the slave.
      assert.equal((await slave.call('one.user.info', 'alice:pw-alice', -1)).ok, true);
    }
    const zones = await federationStatus(master(), session());
    assert.deepEqual(
      zones.map((z) => [z.ZONE_ID, z.STATE]),
      [
        [zoneA.zoneId, 'replicating'],
        [zoneB.zoneId, 'replicating'],
      ],
    );
    const last = await fedlogIndex(master(), session());
    await eventually('the master records every zone as in sync', async () =>
      (await federationStatus(master(), session())).every((z) => z.LAST_INDEX === last)
        ? true
        : undefined,
    );
  });

  it('refuses fedreplicate on the master', async () => {
    const result = await master().client.call('one.zone.fedreplicate', session(), 100n, 99n, 'x');
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 0x10000);
  });

  it('catches a stopped slave up when it starts again', async () => {
    await federation.stop(zoneB.root);
    const client = master().client;
    for (const name of ['bob', 'carol', 'dave']) {
      assert.equal(
        (await client.call('one.user.allocate', session(), name, `pw-${name}`, '')).ok,
        true,
      );
    }
    await converged(zoneA);
    await eventually('the master sees zone B unreachable', async () =>
      (await federationStatus(master(), session())).find((z) => z.ZONE_ID === zoneB.zoneId)
        ?.STATE === 'unreachable'
        ? true
        : undefined,
    );
    await federation.start(zoneB.root);
    await converged(zoneB);
    const users = await poolNames(
      federation.process(zoneB.root).client,
      session(),
      'one.userpool.info',
    );
    for (const name of ['alice', 'bob', 'carol', 'dave']) assert.ok(users.includes(name), name);
  });

  it('resumes after a master restart from where each slave is', async () => {
    await federation.stop(federation.master.root);
    await federation.start(federation.master.root);
    assert.equal(
      (await master().client.call('one.user.allocate', session(), 'erin', 'pw-e', '')).ok,
      true,
    );
    for (const member of [zoneA, zoneB]) {
      await converged(member);
      const users = await poolNames(
        federation.process(member.root).client,
        session(),
        'one.userpool.info',
      );
      assert.ok(users.includes('erin'));
    }
  });
});
