// A slave zone of three HA servers: entries the master ships are applied through the slave
// zone's Raft on each of its servers; a federated write sent to a follower of the slave
// zone reaches the master and comes back; when the slave zone's leader is killed while the
// master writes, the new leader takes the entries on (handshake) and FEDLOG_INDEX
// converges on every server of both zones. A zone row of its own that the master ships
// never replaces the slave zone's servers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../../../../test/support/eventually.js';
import { HaFederation, type HaSlaveZone } from '../../../../test/support/federation.js';
import { RpcClient } from '../support/rpc-client.js';
import { fedlogIndex, poolNames } from './federation-calls.js';

/** How many servers the SERVER_POOL of a zone document lists. */
const serverCount = (xml: string): number => (xml.match(/<SERVER>/g) ?? []).length;

describe('federation/an HA slave zone', function () {
  this.timeout(120_000);
  let federation: HaFederation;
  let slave: HaSlaveZone;
  let session: string;
  const clients: RpcClient[] = [];

  before(async () => {
    federation = await HaFederation.create({ masterServers: 1, slaves: [] });
    slave = await federation.addHaSlave({ servers: 3 });
    session = federation.master.roots[0]!.session;
    await slave.zone.waitForLeader();
  });

  after(async () => {
    for (const client of clients) client.close();
    await federation?.stop();
    federation?.remove();
  });

  const master = () => federation.master.process(0).client;

  const converged = () =>
    eventually(
      'one FEDLOG_INDEX on every server of both zones',
      async () => {
        const indexes = await Promise.all(
          federation.servers().map((s) => fedlogIndex(s.process, session)),
        );
        return new Set(indexes).size === 1 ? indexes[0] : undefined;
      },
      { deadlineMs: 60_000 },
    );

  const everywhere = (names: readonly string[]) =>
    eventually(
      `${names.length} users on every server`,
      async () => {
        for (const server of federation.servers()) {
          const listed = new Set(
            await poolNames(server.process.client, session, 'one.userpool.info'),
          );
          if (!names.every((n) => listed.has(n))) return undefined;
        }
        return true;
      },
      { deadlineMs: 60_000 },
    );

  it('applies the entries the master ships on every server of the slave zone', async () => {
    for (const name of ['m1', 'm2', 'm3']) {
      assert.equal((await master().call('one.user.allocate', session, name, 'pw', '')).ok, true);
    }
    await everywhere(['m1', 'm2', 'm3']);
    const index = await converged();
    assert.equal(index, await fedlogIndex(federation.master.process(0), session));
  });

  it('sends a federated write made on a follower to the master, and it comes back', async () => {
    const leader = await slave.zone.waitForLeader();
    const follower = [0, 1, 2].find((id) => id !== leader)!;
    const client = slave.zone.process(follower).client;
    assert.equal(
      (await client.call('one.user.allocate', session, 'via-follower', 'pw', '')).ok,
      true,
    );
    assert.ok((await poolNames(master(), session, 'one.userpool.info')).includes('via-follower'));
    await everywhere(['via-follower']);
    await converged();
  });

  it('keeps its three servers when the master ships an older row of its zone', async () => {
    const onMaster = String(await master().value('one.zone.info', session, slave.zoneId));
    assert.equal(serverCount(onMaster), 3);
    const stale = onMaster.replace(
      /<SERVER_POOL>.*?<\/SERVER_POOL>/,
      '<SERVER_POOL></SERVER_POOL>',
    );
    assert.equal((await master().call('one.zone.updatedb', session, slave.zoneId, stale)).ok, true);
    const renamed = await master().call('one.zone.rename', session, slave.zoneId, 'ha-renamed');
    assert.equal(renamed.ok, true);
    await eventually(
      'the rename on every server of the slave zone',
      async () => {
        for (let id = 0; id < slave.zone.servers; id++) {
          const own = String(
            await slave.zone.process(id).client.value('one.zone.info', session, slave.zoneId),
          );
          if (!own.includes('ha-renamed')) return undefined;
          assert.equal(serverCount(own), 3, `server ${id}`);
        }
        return true;
      },
      { deadlineMs: 60_000 },
    );
  });

  it('resumes taking entries under a new leader after the slave leader is killed', async () => {
    const leader = await slave.zone.waitForLeader();
    // The master reaches the zone at its ENDPOINT: a server that stays up.
    const survivor = [0, 1, 2].find((id) => id !== leader)!;
    const endpoint = `ENDPOINT = "${slave.zone.endpoint(survivor)}"`;
    assert.equal(
      (await master().call('one.zone.update', session, slave.zoneId, endpoint, 1)).ok,
      true,
    );

    const acknowledged: string[] = [];
    let stopped = false;
    const writer = (async () => {
      for (let n = 0; !stopped; n++) {
        const result = await master().call('one.user.allocate', session, `w-${n}`, 'pw', '');
        if (result.ok) acknowledged.push(`w-${n}`);
      }
    })();
    const acksGrow = async (what: string) => {
      const before = acknowledged.length;
      await eventually(what, () => (acknowledged.length >= before + 5 ? true : undefined));
    };
    try {
      await acksGrow('master writes before the kill');
      await slave.zone.stop(leader, 'SIGKILL');
      const next = await slave.zone.waitForLeader({ except: leader, deadlineMs: 30_000 });
      assert.notEqual(next, leader);
      await acksGrow('master writes under the new slave leader');
      // The new leader takes the entries the master writes after the kill.
      const sinceKill = await fedlogIndex(federation.master.process(0), session);
      await eventually(
        'the new slave leader takes the entries written after the kill',
        async () =>
          (await fedlogIndex(slave.zone.process(next), session)) >= sinceKill ? true : undefined,
        { deadlineMs: 60_000 },
      );
      await slave.zone.start(leader);
    } finally {
      stopped = true;
      await writer;
    }
    await everywhere(acknowledged);
    const index = await converged();
    assert.ok(index !== undefined && index > 0n);
  });
});
