// The master's shipping follows zone_pool: a zone created gets a shipper starting at the
// master's last federated index, a zone deleted loses it, an ENDPOINT changed is followed,
// and stop() ends every loop. The calls are recorded instead of sent.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { Template } from '@onekit/core';
import { FederationShipper, type ShipEntries } from '../../src/federation/index.js';
import { DaemonLog } from '../../src/log/index.js';
import {
  bootstrapZone,
  deleteZoneWrite,
  insertZoneWrite,
  updateZoneWrite,
  zoneStates,
  type Zone,
} from '../../src/pools/zone/index.js';
import { openDatabase, type Database, type WriteOp } from '../../src/storage/index.js';
import { LogStore, SoloCommitter } from '../../src/write-path/index.js';
import { eventually } from '../../../../test/support/eventually.js';

const clock = (): number => 1_700_000_000_000;
const silent = new DaemonLog({ sink: { write() {}, close: async () => {} }, clock, zoneId: 0 });

const zone = (id: number, endpoint: string): Zone => ({
  id,
  name: `zone-${id}`,
  state: zoneStates.ENABLED,
  template: new Template().addSingle('ENDPOINT', endpoint),
  servers: [],
});

describe('federation shipper zones', () => {
  let dir: string;
  let db: Database;
  let log: LogStore;
  let committer: SoloCommitter;
  let shipper: FederationShipper;
  const calls: { endpoint: string; prev: bigint; indexes: bigint[] }[] = [];

  const ship: ShipEntries = async (endpoint, prev, entries) => {
    calls.push({ endpoint, prev, indexes: entries.map((e) => e.index) });
    return { ok: true, index: entries[entries.length - 1]!.index };
  };
  const federated = (ops: WriteOp[]) => committer.commit(ops, { federated: true });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-shipper-'));
    db = await openDatabase({ backend: 'sqlite', file: join(dir, 'one.db') });
    await db.createSchema();
    log = await LogStore.open(db, { clock });
    committer = new SoloCommitter({ log, federation: 'MASTER' });
    await federated([insertZoneWrite(bootstrapZone('http://master/RPC2'))]);
    calls.length = 0;
    shipper = new FederationShipper({ db, log, zoneId: 0, ship, logger: silent });
  });
  afterEach(async () => {
    await shipper.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships to zones as they are created, updated and deleted', async () => {
    await shipper.start();
    assert.deepEqual(shipper.status(), []);
    const { index: created } = await federated([insertZoneWrite(zone(100, 'http://a/RPC2'))]);
    await eventually('zone 100 is shipped to', () =>
      shipper.status().length === 1 ? true : undefined,
    );
    // A new zone is assumed to hold everything up to its own creation.
    assert.equal(shipper.status()[0]!.lastIndex, created);

    await federated([updateZoneWrite(zone(100, 'http://b/RPC2'))]);
    await eventually('zone 100 is shipped to at its new endpoint', () =>
      shipper.status()[0]?.endpoint === 'http://b/RPC2' ? true : undefined,
    );
    const { index: next } = await federated([updateZoneWrite(zone(0, 'http://master2/RPC2'))]);
    await eventually('the next entry reached the new endpoint', () =>
      calls.some((c) => c.endpoint === 'http://b/RPC2' && c.indexes.includes(next))
        ? true
        : undefined,
    );
    assert.deepEqual(
      calls.map((c) => c.prev),
      calls.map((_, i) => (i === 0 ? created : calls[i - 1]!.indexes.at(-1)!)),
    );

    await federated([deleteZoneWrite(100)]);
    await eventually('zone 100 is no longer shipped to', () =>
      shipper.status().length === 0 ? true : undefined,
    );
  });

  it('ends every zone loop on stop', async () => {
    await federated([insertZoneWrite(zone(100, 'http://a/RPC2'))]);
    await shipper.start();
    assert.equal(shipper.active, true);
    assert.equal(shipper.status().length, 1);
    await shipper.stop();
    assert.equal(shipper.active, false);
    assert.deepEqual(shipper.status(), []);
  });
});
