// Changing the servers of a running zone: a new server joins as a learner and is promoted
// once it has caught up; the leader itself can be removed; a removal that would leave the
// zone without a quorum is refused unless forced; the state check finds the servers equal.
// On SQLite and on MariaDB.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../../../../test/support/eventually.js';
import { HaZone } from '../../../../test/support/ha-zone.js';
import { zoneBackends, zoneDatabases, type ZoneDatabases } from '../support/zone-backends.js';

type Progress = { VOTERS: { ID: number }[]; LEARNERS: { ID: number }[]; STATE: number };

for (const backend of zoneBackends) describeMembership(backend);

function describeMembership(backend: (typeof zoneBackends)[number]): void {
  describe(`ha/membership on ${backend.label}`, function () {
    this.timeout(120_000);
    let zone: HaZone;
    let databases: ZoneDatabases;

    const call = (id: number, method: string, ...params: unknown[]) =>
      zone.process(id).client.call(method, zone.roots[id]!.session, ...(params as never[]));
    const value = (id: number, method: string, ...params: unknown[]) =>
      zone.process(id).client.value(method, zone.roots[id]!.session, ...(params as never[]));
    const progress = async (id: number) => (await value(id, 'onekit.zone.progress')) as Progress;
    /** A call on whichever server leads now, tried again while the leadership moves. */
    const onLeader = (what: string, method: string, ...params: unknown[]) =>
      eventually(what, async () => {
        const r = await call(await zone.waitForLeader(), method, ...params);
        return r.ok ? r.value : undefined;
      });

    before(async () => {
      databases = await zoneDatabases(backend.name, 'membership');
      zone = await HaZone.create({ servers: 3, spares: 1, ...databases.options });
      await zone.startAll();
    });

    after(async () => {
      await zone?.stopAll();
      zone?.remove();
      await databases?.drop();
    });

    it('adds a server as a learner, then promotes it once it has caught up', async () => {
      for (let i = 0; i < 20; i++) await onLeader(`group g${i}`, 'one.group.allocate', `g${i}`);
      const spare = zone.roots[3]!;
      const added = await onLeader(
        'server-add',
        'one.zone.addserver',
        0,
        `SERVER = [ NAME = "server-3", ENDPOINT = "${spare.endpoint}" ]`,
      );
      assert.equal(added, 0);
      const before = await progress(await zone.waitForLeader());
      assert.deepEqual(
        before.LEARNERS.map((l) => l.ID),
        [3],
      );
      assert.ok(!before.VOTERS.some((v) => v.ID === 3), 'a learner does not vote');
      spare.writeConf({ conf: (c) => void (c.federation.serverId = 3) });
      await zone.start(3);
      const after = await eventually('server 3 promoted', async () => {
        const p = await progress(await zone.waitForLeader());
        return p.VOTERS.some((v) => v.ID === 3) ? p : undefined;
      });
      assert.deepEqual(after.LEARNERS, []);
      // Server 3 may still be applying what the leader committed.
      const listed = /<ID><!\[CDATA\[3\]\]><\/ID><NAME><!\[CDATA\[server-3\]\]><\/NAME>/;
      const pool = await eventually('server 3 lists itself', async () => {
        const xml = String(await value(3, 'one.zone.info', 0, false));
        return listed.test(xml) ? xml : undefined;
      });
      assert.match(pool, listed);
    });

    it('finds every server in the same state', async () => {
      const index = (await onLeader('a state check', 'onekit.zone.statecheck')) as bigint;
      const hashes = await Promise.all(
        [0, 1, 2, 3].map((id) =>
          eventually(`check on server ${id}`, async () => {
            const r = (await value(id, 'onekit.zone.statehash')) as {
              INDEX: bigint;
              HASH: string;
            };
            return r.INDEX === index ? r.HASH : undefined;
          }),
        ),
      );
      assert.equal(new Set(hashes).size, 1);
      assert.match(hashes[0]!, /^[0-9a-f]{64}$/);
    });

    it('removes the leader; the others elect a new one and go on', async () => {
      const leader = await zone.waitForLeader();
      const removed = await call(leader, 'one.zone.delserver', 0, leader);
      assert.equal(removed.ok, true, removed.ok ? '' : removed.message);
      const next = await zone.waitForLeader({ except: leader });
      assert.notEqual(next, leader);
      const p = await progress(next);
      assert.ok(!p.VOTERS.some((v) => v.ID === leader));
      await onLeader('a write after the removal', 'one.group.allocate', 'after-removal');
      await zone.stop(leader);
    });

    it('refuses a removal that would leave the zone without a quorum, unless forced', async () => {
      const leader = await zone.waitForLeader();
      const others = (await progress(leader)).VOTERS.map((v) => v.ID).filter((id) => id !== leader);
      // Three voters left; stop one, then removing another would leave 1 of 2 running.
      await zone.stop(others[0]!);
      await eventually('the leader sees the stopped server inactive', async () => {
        const p = (await value(leader, 'onekit.zone.progress')) as {
          FOLLOWERS: { ID: number; ACTIVE: boolean }[];
        };
        return p.FOLLOWERS.find((f) => f.ID === others[0])?.ACTIVE === false ? true : undefined;
      });
      const refused = await call(leader, 'one.zone.delserver', 0, others[1]!);
      assert.equal(refused.ok, false);
      assert.match(refused.ok ? '' : refused.message, /without a quorum/);
      const forced = await call(leader, 'one.zone.delserver', 0, others[1]!, true);
      assert.equal(forced.ok, true, forced.ok ? '' : forced.message);
    });
  });
}
