// The own-zone rule of a slave: what it publishes to the master, and that a zone row coming
// back through the federation log never replaces its own servers or state.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { Template } from '@onekit/core';
import { keepOwnZoneMembership, ownZoneBody } from '../../src/federation/index.js';
import {
  insertZoneWrite,
  parseZoneBodyText,
  updateZoneWrite,
  zoneMembers,
  zoneStates,
  type Zone,
  type ZoneMember,
} from '../../src/pools/zone/index.js';
import type { WriteOp } from '../../src/storage/index.js';

const member = (id: number): ZoneMember => ({
  id,
  name: `fe${id}`,
  endpoint: `http://127.0.0.${id + 2}:2633/RPC2`,
});

function zone(o: { id?: number; name?: string; servers?: number[]; state?: 0 | 1 } = {}): Zone {
  return {
    id: o.id ?? 100,
    name: o.name ?? 'slave',
    state: o.state ?? zoneStates.ENABLED,
    template: new Template().addSingle('ENDPOINT', 'http://10.0.0.1:2633/RPC2'),
    servers: (o.servers ?? []).map((id) => {
      const m = member(id);
      return { ENDPOINT: m.endpoint, ID: String(m.id), NAME: m.name };
    }),
  };
}

function body(op: WriteOp): Zone {
  const text = op.op === 'update' ? op.set.body : op.op === 'delete' ? undefined : op.row.body;
  return parseZoneBodyText(String(text));
}

describe('federation/slave-own-zone', () => {
  describe('ownZoneBody', () => {
    it('lists every server the zone Raft knows, learners included, in id order', () => {
      const published = ownZoneBody(zone({ servers: [0, 1] }), [member(0), member(1), member(2)]);
      assert.deepEqual(zoneMembers(published), [member(0), member(1), member(2)]);
    });

    it('leaves out a server just removed, even while the zone row still has it', () => {
      const published = ownZoneBody(zone({ servers: [0, 1, 2] }), [member(0), member(1)], {
        removed: 1,
      });
      assert.deepEqual(zoneMembers(published), [member(0)]);
    });

    it('keeps name, state and template of the zone row', () => {
      const row = zone({ name: 'east', state: zoneStates.DISABLED, servers: [0] });
      const published = ownZoneBody(row, [member(0)]);
      assert.equal(published.name, 'east');
      assert.equal(published.state, zoneStates.DISABLED);
      assert.equal(published.template, row.template);
    });

    it('publishes exactly the known members less the removed one (property)', () => {
      const ids = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 6 });
      fc.assert(
        fc.property(ids, ids, fc.option(fc.integer({ min: 0, max: 9 })), (row, known, removed) => {
          const published = ownZoneBody(
            zone({ servers: row }),
            known.map(member),
            removed === null ? {} : { removed },
          );
          const expected = known.filter((id) => id !== removed).sort((a, b) => a - b);
          assert.deepEqual(
            zoneMembers(published).map((m) => m.id),
            expected,
          );
        }),
      );
    });
  });

  describe('keepOwnZoneMembership', () => {
    const local = zone({ servers: [0, 1, 2], state: zoneStates.DISABLED });

    it('keeps the local servers and state in an update of the own zone row, the rest from the master', () => {
      const incoming = updateZoneWrite(zone({ name: 'renamed', servers: [0] }));
      const kept = keepOwnZoneMembership(incoming, { zoneId: 100, local });
      const result = body(kept);
      assert.equal(result.name, 'renamed');
      assert.equal(result.state, zoneStates.DISABLED);
      assert.deepEqual(zoneMembers(result), [member(0), member(1), member(2)]);
      assert.equal(kept.op, 'update');
      if (kept.op === 'update' && incoming.op === 'update') {
        assert.equal(kept.set.name, 'renamed');
        assert.deepEqual(kept.where, incoming.where);
      }
    });

    it('does the same for an insert of the own zone row', () => {
      const kept = keepOwnZoneMembership(insertZoneWrite(zone({ servers: [] })), {
        zoneId: 100,
        local,
      });
      assert.deepEqual(zoneMembers(body(kept)), [member(0), member(1), member(2)]);
    });

    it('leaves other zones, other tables, deletes and a zone not known here alone', () => {
      const otherZone = updateZoneWrite(zone({ id: 101, servers: [5] }));
      const user: WriteOp = { op: 'delete', table: 'user_pool', where: { oid: 100 } };
      const remove: WriteOp = { op: 'delete', table: 'zone_pool', where: { oid: 100 } };
      const own = updateZoneWrite(zone({ servers: [7] }));
      assert.equal(keepOwnZoneMembership(otherZone, { zoneId: 100, local }), otherZone);
      assert.equal(keepOwnZoneMembership(user, { zoneId: 100, local }), user);
      assert.equal(keepOwnZoneMembership(remove, { zoneId: 100, local }), remove);
      assert.equal(keepOwnZoneMembership(own, { zoneId: 100, local: undefined }), own);
    });

    it('never changes the local servers or state, whatever the master sends (property)', () => {
      const ids = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 5 });
      const state = fc.constantFrom(zoneStates.ENABLED, zoneStates.DISABLED);
      fc.assert(
        fc.property(ids, ids, state, state, (mine, theirs, myState, theirState) => {
          const here = zone({ servers: mine, state: myState });
          const incoming = updateZoneWrite(zone({ servers: theirs, state: theirState }));
          const result = body(keepOwnZoneMembership(incoming, { zoneId: 100, local: here }));
          assert.deepEqual(zoneMembers(result), zoneMembers(here));
          assert.equal(result.state, myState);
        }),
      );
    });
  });
});
