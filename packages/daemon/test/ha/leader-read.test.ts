// A leader cut off from its zone must not answer a read with state that a newer leader has
// already changed. The isolated leader is made to keep leading for a while (a long election
// timeout of its own, so its check-quorum window is long) while the other servers (short
// timeouts) elect a new leader that commits a write; a read sent to the old leader then must
// show that write or be refused, never the older value.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { HaZone, LEADER } from '../../../../test/support/ha-zone.js';
import { eventually } from '../../../../test/support/eventually.js';
import { registerValue } from '../support/zone-trial/workload.js';

// The isolated leader must still believe it leads when the read reaches it: its election
// timeout (which bounds how long it leads without a majority) is far longer than the rest.
const LONG_MS = 6000;
const SHORT_MS = 600;

describe('ha/leader reads', function () {
  this.timeout(120_000);
  let zone: HaZone;

  const call = (id: number, method: string, ...params: unknown[]) =>
    zone.process(id).client.call(method, zone.roots[id]!.session, ...(params as never[]));
  const write = (id: number, uid: number, value: string) =>
    eventually(`V=${value} on server ${id}`, async () => {
      const r = await call(id, 'one.user.update', uid, `V = "${value}"`, 1);
      return r.ok ? true : undefined;
    });

  before(async () => {
    // Heartbeats stay frequent whatever the election timeout.
    zone = await HaZone.create({
      servers: 3,
      proxies: true,
      electionTimeoutMs: LONG_MS,
      conf: () => (c) => void (c.raft.broadcastTimeoutMs = 30),
    });
    await zone.startAll();
  });

  after(async () => {
    await zone?.stopAll();
    zone?.remove();
  });

  it('never shows state older than a newer leader acknowledged', async () => {
    // The followers get short timeouts: restarted one at a time, the leader keeps leading.
    // A loaded machine may still move the leadership meanwhile: then start over around the
    // new leader (its followers are the ones to restart).
    let old = await zone.waitForLeader();
    for (let attempt = 0; ; attempt++) {
      const term = (await zone.raftStatus(old)).term;
      for (const id of [0, 1, 2].filter((s) => s !== old)) {
        zone.roots[id]!.writeConf({
          conf: (c) => {
            c.raft.electionTimeoutMs = SHORT_MS;
            c.raft.xmlrpcTimeoutMs = SHORT_MS;
          },
        });
        await zone.stop(id);
        await zone.start(id);
        await eventually(`server ${id} follows again`, async () => {
          const view = await zone.raftStatus(id);
          return view.state !== LEADER && view.term >= term ? true : undefined;
        });
      }
      const now = await zone.waitForLeader();
      if (now === old) break;
      assert.ok(attempt < 3, 'the leadership kept moving while followers restarted');
      old = now;
    }
    const uid = (await eventually('a user', async () => {
      const r = await call(old, 'one.user.allocate', 'reader', 'secret', '', []);
      return r.ok ? (r.value as number) : undefined;
    })) as number;
    await write(old, uid, 'before');

    const term = (await zone.raftStatus(old)).term;
    zone.isolate(old, { clients: false });
    const fresh = await zone.waitForLeader({ except: old });
    await write(fresh, uid, 'after');
    const view = await zone.raftStatus(old);
    const read = await call(old, 'one.user.info', uid, false);
    // While it still believes it leads, it must not answer with the state it had: either
    // the new value (it learned it) or a refusal. A server that has stepped down by then (a
    // slow machine) answers as a follower, whose reads may lag by design.
    if (view.state === LEADER && view.term === term) {
      if (read.ok) assert.equal(registerValue(String(read.value)), 'after');
      else assert.match(read.message, /Cannot process request/);
    } else if (read.ok) {
      assert.ok(['before', 'after'].includes(registerValue(String(read.value))!));
    }
  });
});
