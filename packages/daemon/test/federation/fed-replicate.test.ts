// The federation log between a master's log store and a slave's, in one process: the
// slave's receiver (one.zone.fedreplicate's rules) and the master's zone shipper, with the
// shipper's call going straight to the receiver instead of over XML-RPC.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import fc from 'fast-check';
import { oneErrorCodes } from '@onekit/core';
import { OneApiError, type Caller } from '../../src/api/method.js';
import {
  FederationReceiver,
  ZoneShipper,
  fedReplicateMethods,
  encodeShippedEntries,
  soloShippedApplier,
  type ShipEntries,
  type ShippedEntry,
} from '../../src/federation/index.js';
import { DaemonLog } from '../../src/log/index.js';
import { openDatabase, UINT64_MAX, type Database, type WriteOp } from '../../src/storage/index.js';
import { encodeSqlcmd, LogStore, SoloCommitter } from '../../src/write-path/index.js';
import { eventually } from '../../../../test/support/eventually.js';
import { backends } from '../storage/backends.js';
import { insertDocument } from '../support/documents.js';

const clock = (): number => 1_700_000_000_000;
const silent = new DaemonLog({ sink: { write() {}, close: async () => {} }, clock, zoneId: 0 });

const group = (oid: number): WriteOp => ({
  op: 'insert',
  table: 'group_pool',
  row: {
    oid,
    name: `g${oid}`,
    body: `<GROUP><ID>${oid}</ID></GROUP>`,
    uid: 0,
    gid: 0,
    owner_u: 1,
    group_u: 0,
    other_u: 0,
  },
});

const localDoc: WriteOp = insertDocument(1, { name: 'd', body: '<D/>' });

const shipped = (index: bigint, oid: number): ShippedEntry => ({
  index,
  sqlcmd: encodeSqlcmd([group(oid)]),
});

const oneadmin: Caller = { uid: 0, name: 'oneadmin', gid: 0, gname: 'oneadmin', groups: [0] };

// The rules are the receiver's and the shipper's; the process suite runs a MariaDB slave.
for (const backend of backends.filter((b) => b.name === 'sqlite')) {
  describe(`federation log shipping on ${backend.name}`, () => {
    const opened: Database[] = [];
    let master: LogStore;
    let masterCommitter: SoloCommitter;
    let slave: LogStore;
    let slaveDb: Database;
    let receiver: FederationReceiver;

    const open = async (): Promise<{ db: Database; log: LogStore }> => {
      const db = await openDatabase(await backend.freshConfig());
      opened.push(db);
      await db.createSchema();
      return { db, log: await LogStore.open(db, { clock }) };
    };

    const slaveGroups = async (): Promise<number[]> =>
      (await slaveDb.query('SELECT oid FROM group_pool ORDER BY oid')).map((r) => Number(r.oid));

    beforeEach(async () => {
      ({ log: master } = await open());
      masterCommitter = new SoloCommitter({ log: master, federation: 'MASTER' });
      ({ db: slaveDb, log: slave } = await open());
      receiver = new FederationReceiver({ log: slave, apply: soloShippedApplier(slave) });
    });
    afterEach(async () => {
      for (const db of opened.splice(0)) await db.close();
    });

    describe('the receiver', () => {
      it('applies entries in order with the master index as fed_index', async () => {
        assert.deepEqual(await receiver.receive(-1n, [shipped(7n, 100)]), { ok: true, index: 7n });
        assert.deepEqual(await receiver.receive(7n, [shipped(9n, 101), shipped(12n, 102)]), {
          ok: true,
          index: 12n,
        });
        assert.deepEqual(await slaveGroups(), [100, 101, 102]);
        assert.equal(await slave.lastFederatedIndex(), 12n);
        const rows = await slaveDb.query(
          'SELECT fed_index FROM logdb WHERE fed_index <> ? ORDER BY log_index',
          [UINT64_MAX],
        );
        assert.deepEqual(
          rows.map((r) => r.fed_index),
          [7n, 9n, 12n],
        );
      });

      it('answers a wrong previous index with its last federated index', async () => {
        await receiver.receive(-1n, [shipped(5n, 100)]);
        const outcome = await receiver.receive(8n, [shipped(10n, 101)]);
        assert.equal(outcome.ok, false);
        assert.equal(!outcome.ok && outcome.lastIndex, 5n);
        assert.equal(!outcome.ok && outcome.reason, 'out-of-order');
        assert.deepEqual(await slaveGroups(), [100]);
      });

      it('acknowledges an entry it already holds without applying it again', async () => {
        await receiver.receive(-1n, [shipped(5n, 100), shipped(6n, 101)]);
        assert.deepEqual(await receiver.receive(-1n, [shipped(5n, 100)]), { ok: true, index: 5n });
        assert.deepEqual(await receiver.receive(5n, [shipped(6n, 101), shipped(8n, 102)]), {
          ok: true,
          index: 8n,
        });
        assert.deepEqual(await slaveGroups(), [100, 101, 102]);
      });

      it('stops a batch at an entry the database refuses, leaving no gap', async () => {
        const duplicate = { index: 6n, sqlcmd: encodeSqlcmd([group(100)]) };
        const outcome = await receiver.receive(-1n, [
          shipped(5n, 100),
          duplicate,
          shipped(7n, 102),
        ]);
        assert.equal(outcome.ok, false);
        assert.equal(!outcome.ok && outcome.reason, 'not-applied');
        assert.equal(!outcome.ok && outcome.lastIndex, 5n);
        assert.deepEqual(await slaveGroups(), [100]);
        assert.equal(await slave.lastFederatedIndex(), 5n);
      });

      it('refuses an entry writing local tables and keeps nothing of it', async () => {
        const bad = { index: 3n, sqlcmd: encodeSqlcmd([group(100), localDoc]) };
        const outcome = await receiver.receive(-1n, [bad]);
        assert.equal(outcome.ok, false);
        assert.equal(!outcome.ok && outcome.reason, 'not-applied');
        assert.equal(!outcome.ok && outcome.lastIndex, -1n);
        assert.deepEqual(await slaveGroups(), []);
        assert.equal(await slave.lastFederatedIndex(), undefined);
      });

      it('applies any interleaving of resends exactly once, in order (property)', async () => {
        const entries = [3n, 4n, 9n, 10n, 15n].map((index, i) => shipped(index, 200 + i));
        const prevOf = (i: number): bigint => (i === 0 ? -1n : entries[i - 1]!.index);
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.integer({ min: 0, max: entries.length - 1 }), { maxLength: 30 }),
            async (sends) => {
              const { db, log } = await open();
              const r = new FederationReceiver({ log, apply: soloShippedApplier(log) });
              for (const i of [...sends, 0, 1, 2, 3, 4]) await r.receive(prevOf(i), [entries[i]!]);
              const oids = (await db.query('SELECT oid FROM group_pool ORDER BY oid')).map((row) =>
                Number(row.oid),
              );
              const order = await db.query(
                'SELECT fed_index FROM logdb WHERE fed_index <> ? ORDER BY log_index',
                [UINT64_MAX],
              );
              assert.deepEqual(oids, [200, 201, 202, 203, 204]);
              assert.deepEqual(
                order.map((row) => row.fed_index),
                entries.map((e) => e.index),
              );
            },
          ),
          { numRuns: 25 },
        );
      });
    });

    describe('the XML-RPC methods', () => {
      const call = (
        methods: ReturnType<typeof fedReplicateMethods>,
        name: string,
        params: unknown[],
        caller = oneadmin,
      ) =>
        methods
          .find((m) => m.name === name)!
          .handler({ method: name, caller, params, services: {} });

      const failure = async (promise: Promise<unknown>): Promise<OneApiError> => {
        const err = await promise.then(
          () => assert.fail('the call succeeded'),
          (e: unknown) => e,
        );
        assert.ok(err instanceof OneApiError);
        return err;
      };

      it('one.zone.fedreplicate takes an entry and answers its index', async () => {
        const methods = fedReplicateMethods({ receiver });
        const sql = shipped(4n, 100).sqlcmd;
        assert.equal(await call(methods, 'one.zone.fedreplicate', [4n, -1n, sql]), 4n);
        const err = await failure(call(methods, 'one.zone.fedreplicate', [9n, 7n, sql]));
        assert.equal(err.code, oneErrorCodes.REPLICATION);
        assert.equal(err.replicationIndex, 4n);
      });

      it('refuses other users, empty SQL and a server that is no slave', async () => {
        const methods = fedReplicateMethods({ receiver });
        const user = { ...oneadmin, uid: 3, name: 'u' };
        const sql = shipped(4n, 100).sqlcmd;
        const denied = await failure(call(methods, 'one.zone.fedreplicate', [4n, -1n, sql], user));
        assert.equal(denied.code, oneErrorCodes.AUTHORIZATION);
        const empty = await failure(call(methods, 'one.zone.fedreplicate', [4n, -1n, '']));
        assert.equal(empty.code, oneErrorCodes.REPLICATION);
        const onMaster = fedReplicateMethods({ receiver: undefined });
        const master = await failure(call(onMaster, 'one.zone.fedreplicate', [4n, -1n, sql]));
        assert.equal(master.code, oneErrorCodes.REPLICATION);
        assert.deepEqual(await slaveGroups(), []);
      });

      it('onekit.zone.fedreplicate takes a batch', async () => {
        const methods = fedReplicateMethods({ receiver });
        const batch = encodeShippedEntries([shipped(2n, 100), shipped(3n, 101)]);
        assert.equal(await call(methods, 'onekit.zone.fedreplicate', [-1n, batch]), 3n);
        const bad = await failure(call(methods, 'onekit.zone.fedreplicate', [3n, 'nonsense']));
        assert.equal(bad.code, oneErrorCodes.REPLICATION);
        assert.deepEqual(await slaveGroups(), [100, 101]);
      });
    });

    describe('the zone shipper', () => {
      let shipper: ZoneShipper | undefined;
      afterEach(async () => shipper?.stop());

      /** The shipper's call, answered by the slave's receiver as the method would. */
      const direct: ShipEntries = async (_endpoint, prev, entries) => {
        const outcome = await receiver.receive(prev, entries);
        return outcome.ok
          ? outcome
          : {
              ok: false,
              replication: true,
              message: outcome.message,
              lastIndex: outcome.lastIndex,
            };
      };

      const ship = (lastIndex: bigint, batch = 2): ZoneShipper =>
        new ZoneShipper({
          zoneId: 100,
          endpoint: 'http://slave/RPC2',
          lastIndex,
          log: master,
          ship: direct,
          logger: silent,
          batch,
        });

      const commitGroups = async (oids: number[]): Promise<void> => {
        for (const oid of oids) await masterCommitter.commit([group(oid)], { federated: true });
      };

      it('sends new federated entries, skipping local ones', async () => {
        shipper = ship(-1n);
        await commitGroups([100, 101]);
        await masterCommitter.commit([localDoc], { federated: false });
        await commitGroups([102, 103, 104]);
        shipper.wake();
        const last = await master.lastFederatedIndex();
        await eventually('the slave holds the master log', async () =>
          (await slave.lastFederatedIndex()) === last ? true : undefined,
        );
        assert.deepEqual(await slaveGroups(), [100, 101, 102, 103, 104]);
        assert.equal(shipper.current.state, 'replicating');
        assert.equal(shipper.current.lastIndex, last);
      });

      it('resumes after the index a slave that is behind names', async () => {
        await commitGroups([100, 101]);
        await receiver.receive(
          -1n,
          (await master.federatedEntriesAfter(-1n, 1)).map((e) => ({
            index: e.fedIndex,
            sqlcmd: e.sqlcmd,
          })),
        );
        await commitGroups([102]);
        // Started as oned starts it: the zone is assumed to hold everything so far.
        shipper = ship((await master.lastFederatedIndex())!);
        await commitGroups([103]);
        shipper.wake();
        const last = await master.lastFederatedIndex();
        await eventually('the slave caught up', async () =>
          (await slave.lastFederatedIndex()) === last ? true : undefined,
        );
        assert.deepEqual(await slaveGroups(), [100, 101, 102, 103]);
      });

      it('sends nothing past an entry purged since the slave confirmed it', async () => {
        await commitGroups([100]);
        const [first] = await master.federatedEntriesAfter(-1n, 1);
        await receiver.receive(-1n, [{ index: first!.fedIndex, sqlcmd: first!.sqlcmd }]);
        shipper = ship(first!.fedIndex);
        await eventually('the zone is confirmed', () =>
          shipper!.current.lastIndex === first!.fedIndex ? true : undefined,
        );
        await commitGroups([101, 102, 103]);
        await master.purge({ keep: 2, limit: 100 });
        shipper.wake();
        await eventually('the zone needs a re-seed', () =>
          shipper!.current.state === 'needs-reseed' ? true : undefined,
        );
        assert.deepEqual(await slaveGroups(), [100]);
      });

      it('marks a slave whose next entry was purged as needing a re-seed', async () => {
        await commitGroups([100]);
        const [first] = await master.federatedEntriesAfter(-1n, 1);
        await receiver.receive(-1n, [{ index: first!.fedIndex, sqlcmd: first!.sqlcmd }]);
        await commitGroups([101, 102, 103]);
        await master.purge({ keep: 2, limit: 100 });
        shipper = ship((await master.lastFederatedIndex())!);
        await commitGroups([104]);
        shipper.wake();
        await eventually('the zone needs a re-seed', () =>
          shipper!.current.state === 'needs-reseed' ? true : undefined,
        );
        assert.match(shipper.current.lastError, /^Missing federation record previous to: \d+$/);
        assert.equal(shipper.current.lastIndex, first!.fedIndex);
        assert.deepEqual(await slaveGroups(), [100]);

        // Re-seeded: the zone now holds the master's federated tables up to an entry the
        // master still has (here, its oldest one), and shipping resumes by itself.
        const { db: seeded, log: seededLog } = await open();
        const [oldest] = await master.federatedEntriesAfter(first!.fedIndex, 1);
        receiver = new FederationReceiver({ log: seededLog, apply: soloShippedApplier(seededLog) });
        await receiver.receive(-1n, [{ index: oldest!.fedIndex, sqlcmd: oldest!.sqlcmd }]);
        const last = await master.lastFederatedIndex();
        await eventually('the re-seeded zone caught up', async () =>
          (await seededLog.lastFederatedIndex()) === last ? true : undefined,
        );
        assert.equal(shipper.current.state, 'replicating');
        const oids = await seeded.query('SELECT oid FROM group_pool ORDER BY oid');
        assert.deepEqual(
          oids.map((r) => Number(r.oid)),
          [102, 103, 104],
        );
      });
    });
  });
}
