// A zone whose servers talk through proxies: isolating the leader cuts it off both ways
// (the others stop hearing it and elect a new leader; it stops hearing them and steps
// down), and once healed it follows the new leader and catches up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { HaZone, LEADER } from '../../../../test/support/ha-zone.js';
import { eventually } from '../../../../test/support/eventually.js';

describe('ha/zone behind proxies', function () {
  this.timeout(60_000);
  let zone: HaZone;

  before(async () => {
    zone = await HaZone.create({ servers: 3, proxies: true });
    await zone.startAll();
  });

  after(async () => {
    await zone?.stopAll();
    zone?.remove();
  });

  it('registers the proxies as the servers ENDPOINTs', async () => {
    // A leader just elected answers reads once its first entry has committed.
    const pool = await eventually('the zone from its leader', async () => {
      const leader = await zone.waitForLeader();
      const r = await zone
        .process(leader)
        .client.call('one.zone.info', zone.roots[leader]!.session, 0, false);
      return r.ok ? String(r.value) : undefined;
    });
    for (const id of [0, 1, 2]) {
      assert.notEqual(zone.endpoint(id), zone.roots[id]!.endpoint);
      assert.ok(pool.includes(zone.endpoint(id)), `${zone.endpoint(id)} in ${pool}`);
    }
  });

  it('cuts an isolated leader off both ways; healed, it follows the new leader', async () => {
    const old = await zone.waitForLeader();
    zone.isolate(old, { clients: false });
    const leader = await zone.waitForLeader({ except: old });
    assert.notEqual(leader, old);
    // Still reachable by clients: hearing from no majority, the old leader steps down.
    await eventually('the isolated server steps down', async () =>
      (await zone.raftStatus(old)).state !== LEADER ? true : undefined,
    );
    const root = zone.roots[leader]!;
    const gid = await eventually('a write on the new leader', async () => {
      const r = await zone
        .process(leader)
        .client.call('one.group.allocate', root.session, 'while-cut');
      return r.ok ? (r.value as number) : undefined;
    });
    const missing = await zone
      .process(old)
      .client.call('one.group.info', zone.roots[old]!.session, gid, false);
    assert.equal(missing.ok, false, 'the isolated server has not seen the write');
    zone.heal(old);
    await eventually('the healed server applies the write', async () => {
      const r = await zone
        .process(old)
        .client.call('one.group.info', zone.roots[old]!.session, gid, false);
      return r.ok ? true : undefined;
    });
    const now = await zone.waitForLeader();
    assert.equal((await zone.raftStatus(old)).term, (await zone.raftStatus(now)).term);
  });
});
