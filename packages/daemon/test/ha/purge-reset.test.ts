// A follower that fell behind the leader's retained log is reported as needing a database
// copy, never left retrying; after the copy, server-reset brings it back in sync. On SQLite
// and on MariaDB.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import type { DaemonRoot } from '../../../../test/support/daemon.js';
import { eventually } from '../../../../test/support/eventually.js';
import { HaZone } from '../../../../test/support/ha-zone.js';
import { zoneBackends, zoneDatabases, type ZoneDatabases } from '../support/zone-backends.js';

type Follower = { ID: number; MATCH: bigint; REPLICATION: string };
type Progress = { COMMIT: bigint; FOLLOWERS: Follower[] };

/** A consistent copy of a running SQLite server's database (SQLite's VACUUM INTO). */
async function vacuumInto(from: DaemonRoot, to: DaemonRoot): Promise<void> {
  const target = to.paths.sqliteDb;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  const source = new Database(from.paths.sqliteDb, { readonly: true });
  source.exec(`VACUUM INTO '${target}'`);
  source.close();
}

for (const backend of zoneBackends) describePurgeReset(backend);

function describePurgeReset(backend: (typeof zoneBackends)[number]): void {
  describe(`ha/purge and server-reset on ${backend.label}`, function () {
    this.timeout(120_000);
    let zone: HaZone;
    let databases: ZoneDatabases;
    /**
     * Copies the running leader's database. On MariaDB table by table: no write runs while it
     * copies (the test's writes are done), so the copy is the leader's state.
     */
    const copyRunning = (from: DaemonRoot, to: DaemonRoot) =>
      backend.name === 'sqlite' ? vacuumInto(from, to) : databases.options.copyDatabase!(from, to);

    const call = (id: number, method: string, ...params: unknown[]) =>
      zone.process(id).client.call(method, zone.roots[id]!.session, ...(params as never[]));
    const value = (id: number, method: string, ...params: unknown[]) =>
      zone.process(id).client.value(method, zone.roots[id]!.session, ...(params as never[]));
    const progress = async (id: number) => (await value(id, 'onekit.zone.progress')) as Progress;

    before(async () => {
      databases = await zoneDatabases(backend.name, 'purge_reset');
      zone = await HaZone.create({
        servers: 3,
        ...databases.options,
        conf: (id) => (c) => {
          databases.options.conf?.(id)(c);
          c.raft.logRetention = 5;
          c.raft.logPurgeTimeoutSeconds = 1;
        },
      });
      await zone.startAll();
    });

    after(async () => {
      await zone?.stopAll();
      zone?.remove();
      await databases?.drop();
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
      // It stays so while the zone goes on: new entries retry nothing into the purged range.
      for (let i = 0; i < 3; i++) {
        await eventually(`write q${i}`, async () => {
          const r = await call(await zone.waitForLeader(), 'one.group.allocate', `q${i}`);
          return r.ok ? true : undefined;
        });
      }
      assert.equal((await laggingProgress()).follower?.REPLICATION, 'needs-reset');
    });

    it('catches up after a copy of the leader database and server-reset', async () => {
      assert.ok(lagging >= 0, 'the previous case chose the lagging follower');
      const leader = await zone.waitForLeader();
      await zone.stop(lagging);
      await copyRunning(zone.roots[leader]!, zone.roots[lagging]!);
      await zone.start(lagging);
      // On a loaded machine the leadership may move meanwhile: reset on whoever leads now,
      // and only while it still sees the follower as needing one (a reset restarts probing).
      await eventually(
        'the follower replicates again',
        async () => {
          const now = await zone.waitForLeader();
          const before = (await progress(now)).FOLLOWERS.find((x) => x.ID === lagging);
          if (before?.REPLICATION === 'needs-reset') {
            await call(now, 'one.zone.resetserver', 0, lagging);
          }
          const f = (await progress(now)).FOLLOWERS.find((x) => x.ID === lagging);
          return f?.REPLICATION === 'replicate' ? true : undefined;
        },
        { deadlineMs: 60_000 },
      );
      let attempt = 0;
      const written = await eventually('a write after the reset', async () => {
        const name = `after-reset-${++attempt}`;
        const r = await call(await zone.waitForLeader(), 'one.group.allocate', name);
        return r.ok ? new RegExp(`[>[]${name}[<\\]]`) : undefined;
      });
      const group = await eventually('the follower applied the last write', async () => {
        const r = await call(lagging, 'one.grouppool.info');
        return r.ok && written.test(String(r.value)) ? true : undefined;
      });
      assert.equal(group, true);
    });
  });
}
