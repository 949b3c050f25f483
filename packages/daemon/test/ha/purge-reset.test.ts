// A follower that fell behind the leader's retained log is reported as needing a database
// copy, never left retrying; after the copy, server-reset brings it back in sync.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../../../../test/support/eventually.js';
import { HaZone } from '../../../../test/support/ha-zone.js';

type Follower = { ID: number; MATCH: bigint; REPLICATION: string };
type Progress = { COMMIT: bigint; FOLLOWERS: Follower[] };

describe('ha/purge and server-reset', function () {
  this.timeout(120_000);
  let zone: HaZone;

  const call = (id: number, method: string, ...params: unknown[]) =>
    zone.process(id).client.call(method, zone.roots[id]!.session, ...(params as never[]));
  const value = (id: number, method: string, ...params: unknown[]) =>
    zone.process(id).client.value(method, zone.roots[id]!.session, ...(params as never[]));
  const progress = async (id: number) => (await value(id, 'onekit.zone.progress')) as Progress;

  before(async () => {
    zone = await HaZone.create({
      servers: 3,
      conf: () => (c) => {
        c.raft.logRetention = 5;
        c.raft.logPurgeTimeoutSeconds = 1;
      },
    });
    await zone.startAll();
  });

  after(async () => {
    await zone?.stopAll();
    zone?.remove();
  });

  /** The follower that falls behind, and the leader's view of it (asked of whoever leads). */
  let lagging = -1;
  const laggingProgress = async () => {
    const p = await progress(await zone.waitForLeader());
    return { commit: p.COMMIT, follower: p.FOLLOWERS.find((x) => x.ID === lagging) };
  };

  it('reports a follower behind the retained log as needing a reset', async () => {
    const first = await zone.waitForLeader();
    lagging = [0, 1, 2].find((id) => id !== first)!;
    await zone.stop(lagging);
    for (let i = 0; i < 40; i++) {
      await eventually(`write p${i}`, async () => {
        const r = await call(await zone.waitForLeader(), 'one.group.allocate', `p${i}`);
        return r.ok ? true : undefined;
      });
    }
    await zone.start(lagging);
    const seen = await eventually('needs-reset reported', async () => {
      const view = await laggingProgress();
      return view.follower?.REPLICATION === 'needs-reset' ? view : undefined;
    });
    assert.ok(seen.follower!.MATCH < seen.commit);
    // It stays so: nothing retries it into the purged range.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal((await laggingProgress()).follower?.REPLICATION, 'needs-reset');
  });

  it('catches up after a copy of the leader database and server-reset', async () => {
    assert.ok(lagging >= 0, 'the previous case chose the lagging follower');
    const leader = await zone.waitForLeader();
    await zone.stop(lagging);
    // A consistent copy of the running leader's database (SQLite's VACUUM INTO).
    const target = zone.roots[lagging]!.paths.sqliteDb;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    const source = new Database(zone.roots[leader]!.paths.sqliteDb, { readonly: true });
    source.exec(`VACUUM INTO '${target}'`);
    source.close();
    await zone.start(lagging);
    // On a loaded machine the leadership may move meanwhile: reset on whoever leads now.
    await eventually('the follower replicates again', async () => {
      const now = await zone.waitForLeader();
      await call(now, 'one.zone.resetserver', 0, lagging);
      await call(now, 'one.group.allocate', `after-reset-${Date.now()}`);
      const p = await progress(now);
      const f = p.FOLLOWERS.find((x) => x.ID === lagging);
      return f?.REPLICATION === 'replicate' && f.MATCH === p.COMMIT ? true : undefined;
    });
    assert.ok((await call(await zone.waitForLeader(), 'one.group.allocate', 'after-reset')).ok);
    const group = await eventually('the follower applied the last write', async () => {
      const r = await call(lagging, 'one.grouppool.info');
      return r.ok && String(r.value).includes('after-reset') ? true : undefined;
    });
    assert.equal(group, true);
  });
});
