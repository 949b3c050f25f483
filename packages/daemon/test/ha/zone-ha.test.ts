// Three real daemons form an HA zone: one leader is elected, writes made on any server
// commit on all, followers answer reads themselves and forward writes, and the zone keeps
// committing when its leader is killed. On SQLite and on MariaDB.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../../../../test/support/eventually.js';
import { HaZone, LEADER } from '../../../../test/support/ha-zone.js';
import { zoneBackends, zoneDatabases, type ZoneDatabases } from '../support/zone-backends.js';

for (const backend of zoneBackends) describeZone(backend);

function describeZone(backend: (typeof zoneBackends)[number]): void {
  describe(`ha/zone of three servers on ${backend.label}`, function () {
    this.timeout(120_000);
    let zone: HaZone;
    let databases: ZoneDatabases;

    before(async () => {
      databases = await zoneDatabases(backend.name, 'zone_ha');
      zone = await HaZone.create({ servers: 3, ...databases.options });
      await zone.startAll();
    });

    after(async () => {
      await zone?.stopAll();
      zone?.remove();
      await databases?.drop();
    });

    it('elects one leader; the others follow in its term', async () => {
      const leader = await zone.waitForLeader();
      const views = await Promise.all([0, 1, 2].map((id) => zone.raftStatus(id)));
      assert.equal(views.filter((v) => v.state === LEADER).length, 1);
      assert.equal(views[leader]!.state, LEADER);
      assert.ok(views.every((v) => v.term === views[leader]!.term));
    });

    it('commits a write made on a follower (forwarded) and every server applies it', async () => {
      const leader = await zone.waitForLeader();
      const follower = [0, 1, 2].find((id) => id !== leader)!;
      const root = zone.roots[follower]!;
      const uid = await zone
        .process(follower)
        .client.value('one.user.allocate', root.session, 'ha-user', 'pw', '', []);
      for (const id of [0, 1, 2]) {
        const body = await eventually(`user on server ${id}`, async () => {
          const r = await zone
            .process(id)
            .client.call('one.user.info', zone.roots[id]!.session, uid as number, false);
          return r.ok ? String(r.value) : undefined;
        });
        assert.match(body, /<NAME>ha-user<\/NAME>/);
      }
    });

    it('elects a new leader when the leader is killed, and goes on committing', async () => {
      const old = await zone.waitForLeader();
      await zone.stop(old, 'SIGKILL');
      const leader = await zone.waitForLeader({ except: old });
      assert.notEqual(leader, old);
      const root = zone.roots[leader]!;
      // A new leader refuses writes until its log is reconciled; clients try again.
      const gid = await eventually('a write on the new leader', async () => {
        const r = await zone
          .process(leader)
          .client.call('one.group.allocate', root.session, 'after-failover');
        return r.ok ? r.value : undefined;
      });
      assert.equal(typeof gid, 'number');
      await zone.start(old);
      await eventually('the restarted server applies the write', async () => {
        const r = await zone
          .process(old)
          .client.call('one.group.info', zone.roots[old]!.session, gid as number, false);
        return r.ok ? true : undefined;
      });
    });
  });
}
