// On SQLite a server commits the transactions that only apply entries without a sync of
// their own (they resolve at COMMIT): the entries are durable in its log already. A power cut
// may then lose the last applies, never the log. Here a follower is killed with SIGKILL
// while clients write, its last applies are taken back as such a loss would leave them
// (writes undone, entries marked unapplied), and after its restart it applies them again
// from its own log and ends in the leader's state.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../../../../test/support/eventually.js';
import { HaZone } from '../../../../test/support/ha-zone.js';
import { decodeEntryContent } from '../../src/write-path/index.js';
import { TrialClient } from '../support/zone-trial/trial-client.js';

const LOST = 8;
const SLOW = { deadlineMs: 60_000 };

/** Undoes the last `count` applied entries of a stopped server's log; returns the groups undone. */
function loseLastApplies(file: string, count: number): string[] {
  const db = new Database(file);
  try {
    const rows = db
      .prepare(
        'SELECT log_index, sqlcmd FROM logdb WHERE applied = 1 AND log_index > 0 ORDER BY log_index DESC LIMIT ?',
      )
      .all(count) as { log_index: number; sqlcmd: string }[];
    const undone: string[] = [];
    db.transaction(() => {
      for (const row of rows) {
        for (const op of decodeEntryContent(row.sqlcmd).ops) {
          if (op.op === 'insert' && op.table === 'group_pool') {
            db.prepare('DELETE FROM group_pool WHERE oid = ?').run(op.row.oid);
            undone.push(String(op.row.name));
          } else {
            // pool_control is replaced by its highest value again when the entry reapplies.
            assert.ok(op.op === 'replace' && op.table === 'pool_control', `${op.op} ${op.table}`);
          }
        }
        db.prepare('UPDATE logdb SET applied = 0 WHERE log_index = ?').run(row.log_index);
      }
    })();
    return undone;
  } finally {
    db.close();
  }
}

describe('ha/applies lost after a kill are redone from the log', function () {
  this.timeout(120_000);
  let zone: HaZone;

  const call = (id: number, method: string, ...params: unknown[]) =>
    zone.process(id).client.call(method, zone.roots[id]!.session, ...(params as never[]));
  const groupNames = async (id: number): Promise<Set<string>> => {
    const r = await call(id, 'one.grouppool.info');
    if (!r.ok) throw new Error(r.message);
    const names = String(r.value).matchAll(/<NAME>(?:<!\[CDATA\[)?([^<\]]*)(?:\]\]>)?<\/NAME>/g);
    return new Set([...names].map((m) => m[1]!));
  };

  before(async () => {
    zone = await HaZone.create({ servers: 3 });
    await zone.startAll();
  });

  after(async () => {
    await zone?.stopAll();
    zone?.remove();
  });

  it('a follower killed under load applies its lost entries again at start', async () => {
    const leader = await zone.waitForLeader(SLOW);
    const follower = [0, 1, 2].find((id) => id !== leader)!;
    const root = zone.roots[leader]!;
    const client = new TrialClient(root.endpoint, root.session, 10_000);
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing || acknowledged.length < 2 * LOST; n++) {
        const name = `redo-${n}`;
        if ((await client.call('one.group.allocate', name)).kind === 'ok') acknowledged.push(name);
      }
    })();
    await eventually('writes under way', () => (acknowledged.length >= LOST ? true : undefined));
    await zone.stop(follower, 'SIGKILL');
    writing = false;
    await writer;
    client.close();

    const undone = loseLastApplies(zone.roots[follower]!.paths.sqliteDb, LOST);
    assert.ok(undone.length >= LOST / 2, `only ${undone.length} group writes were undone`);
    await zone.start(follower);
    const names = await eventually(
      'the follower holds every acknowledged write again',
      async () => {
        const held = await groupNames(follower);
        return acknowledged.every((name) => held.has(name)) ? held : undefined;
      },
      SLOW,
    );
    for (const name of undone) assert.ok(names.has(name), `${name} applied again`);
    assert.deepEqual(names, await groupNames(await zone.waitForLeader(SLOW)));
  });
});
