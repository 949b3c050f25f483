// A slave applying shipped entries: a write of its own zone's row keeps the zone's
// SERVER_POOL and STATE; the rest of the row (name, template) and other zones' rows land
// as the master sent them.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { Template } from '@onekit/core';
import { FederationReceiver, soloShippedApplier } from '../../src/federation/index.js';
import {
  insertZoneWrite,
  readZone,
  updateZoneWrite,
  zoneStates,
  type Zone,
} from '../../src/pools/zone/index.js';
import { openDatabase, type Database } from '../../src/storage/index.js';
import { encodeSqlcmd, LogStore } from '../../src/write-path/index.js';
import { backends } from '../storage/backends.js';

const clock = (): number => 1_700_000_000_000;

function zone(o: { id: number; name: string; servers: number[]; state?: 0 | 1 }): Zone {
  return {
    id: o.id,
    name: o.name,
    state: o.state ?? zoneStates.ENABLED,
    template: new Template().addSingle('ENDPOINT', `http://127.0.0.${o.id}:2633/RPC2`),
    servers: o.servers.map((id) => ({
      ENDPOINT: `http://127.0.1.${id}:2633/RPC2`,
      ID: String(id),
      NAME: `fe${id}`,
    })),
  };
}

const serverIds = (z: Zone | undefined): number[] => (z?.servers ?? []).map((s) => Number(s.ID));

for (const backend of backends.filter((b) => b.name === 'sqlite')) {
  describe(`federation/apply-shipped on ${backend.name}`, () => {
    let db: Database;
    let log: LogStore;

    const receiverFor = (ownZoneId: number): FederationReceiver =>
      new FederationReceiver({
        log,
        apply: soloShippedApplier(log, { ownZone: { id: ownZoneId, db } }),
      });

    beforeEach(async () => {
      db = await openDatabase(await backend.freshConfig());
      await db.createSchema();
      log = await LogStore.open(db, { clock });
      const own = zone({ id: 100, name: 'slave', servers: [0, 1] });
      const other = zone({ id: 101, name: 'other', servers: [0] });
      await log.commitProposals(
        [{ ops: [insertZoneWrite(own), insertZoneWrite(other)], fedIndex: 'none' }],
        { term: 0 },
      );
    });
    afterEach(async () => {
      await db.close();
    });

    it('keeps its own servers and state under a shipped update, and takes the rename', async () => {
      const older = zone({ id: 100, name: 'renamed', servers: [], state: zoneStates.DISABLED });
      const outcome = await receiverFor(100).receive(-1n, [
        { index: 4n, sqlcmd: encodeSqlcmd([updateZoneWrite(older)]) },
      ]);
      assert.deepEqual(outcome, { ok: true, index: 4n });
      const kept = await readZone(db, 100);
      assert.equal(kept?.name, 'renamed');
      assert.deepEqual(serverIds(kept), [0, 1]);
      assert.equal(kept?.state, zoneStates.ENABLED);
    });

    it("applies another zone's row as the master sent it", async () => {
      const shipped = zone({ id: 101, name: 'other2', servers: [3], state: zoneStates.DISABLED });
      await receiverFor(100).receive(-1n, [
        { index: 4n, sqlcmd: encodeSqlcmd([updateZoneWrite(shipped)]) },
      ]);
      const other = await readZone(db, 101);
      assert.equal(other?.name, 'other2');
      assert.deepEqual(serverIds(other), [3]);
      assert.equal(other?.state, zoneStates.DISABLED);
    });

    it('replaces the row of a zone that is not its own, whatever id it was told', async () => {
      const older = zone({ id: 100, name: 'renamed', servers: [] });
      await receiverFor(101).receive(-1n, [
        { index: 4n, sqlcmd: encodeSqlcmd([updateZoneWrite(older)]) },
      ]);
      assert.deepEqual(serverIds(await readZone(db, 100)), []);
    });
  });
}
