// Many clients at once over kept-alive connections: every call answered, no update lost,
// ids never handed out twice (also across a restart).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { daemonBackends, openRootDatabase } from '../support/daemon-backends.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';
import { RpcClient } from '../support/rpc-client.js';

const CLIENTS = 8;
const CALLS = 20;

for (const backend of daemonBackends) {
  describe(`rpc/concurrent clients (${backend.name})`, function () {
    this.timeout(180_000);
    let root: DaemonRoot;
    let daemon: DaemonProcess;

    before(async () => {
      root = await DaemonRoot.create({ conf: await backend.database() });
      await (await root.start()).stop();
      root.writeConf({ conf: (c) => void (c.federation.mode = 'MASTER') });
      daemon = await root.start();
    });

    after(async () => {
      await daemon?.stop();
    });

    it('serves clients that each keep one connection alive, losing no update', async () => {
      const clients = Array.from(
        { length: CLIENTS },
        () => new RpcClient(root.host, root.port, { maxSockets: 1 }),
      );
      try {
        await Promise.all(
          clients.map(async (client, c) => {
            for (let i = 0; i < CALLS; i++) {
              const result = await client.call(
                'one.zone.update',
                root.session,
                0,
                `C${c}_${i} = ${i}`,
                1,
              );
              assert.deepEqual(result, { ok: true, value: 0 });
              const info = await client.raw(
                `<?xml version="1.0"?><methodCall><methodName>one.zone.info</methodName><params><param><value>${root.session}</value></param><param><value><int>0</int></value></param></params></methodCall>`,
              );
              assert.equal(info.status, 200);
              assert.ok(info.reusedSocket, 'every call after the first reuses the connection');
            }
          }),
        );
      } finally {
        for (const client of clients) client.close();
      }
      const zone = (await daemon.client.value('one.zone.info', root.session, 0)) as string;
      for (let c = 0; c < CLIENTS; c++) {
        for (let i = 0; i < CALLS; i++) assert.ok(zone.includes(`<C${c}_${i}>`), `C${c}_${i}`);
      }
    });

    it('hands out distinct ids to concurrent allocations, and continues after a restart', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          daemon.client.call(
            'one.zone.allocate',
            root.session,
            `NAME = z${i}\nENDPOINT = http://z${i}/RPC2`,
          ),
        ),
      );
      const ids = results.map((r) => (r.ok ? (r.value as number) : -1)).sort((a, b) => a - b);
      assert.deepEqual(
        ids,
        Array.from({ length: 12 }, (_, i) => 100 + i),
      );
      const db = await openRootDatabase(root);
      try {
        const [row] = await db.query(
          "SELECT last_oid FROM pool_control WHERE tablename = 'zone_pool'",
        );
        assert.equal(Number(row!.last_oid), 111);
      } finally {
        await db.close();
      }
      await daemon.stop();
      daemon = await root.start();
      assert.deepEqual(
        await daemon.client.call(
          'one.zone.allocate',
          root.session,
          'NAME = after\nENDPOINT = http://a/RPC2',
        ),
        {
          ok: true,
          value: 112,
        },
      );
    });
  });
}
