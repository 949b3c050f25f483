// one.zone.* and one.zonepool.info through the real daemon: success and error answers
// with oned's exact messages, codes and resp_id, and every document validated.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { oneErrorCodes, readXmlDocument, type OneResult, type XmlObject } from '@onekit/core';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import { daemonBackends, openRootDatabase } from '../support/daemon-backends.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';
import { addUserOffline, commitOffline } from '../support/offline-writes.js';

const INDIVIDUAL = 0x100000000n;
const ALL = 0x400000000n;
const ZONE = 0x0000800000000000n;
const HOST = 0x0000002000000000n;
const ALICE = 'alice:alice-password';

const show = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

/**
 * zone.xsd declares only ENDPOINT in TEMPLATE, while zones carry more (oned's own add
 * ENDPOINT_GRPC and ONEFLOW_ENDPOINT): the rest of the document is validated as it is.
 */
export async function validateZoneDocument(
  xml: string,
  schema: 'zone.xsd' | 'zone_pool.xsd',
): Promise<void> {
  const endpointOnly = xml.replace(/<TEMPLATE>(.*?)<\/TEMPLATE>/g, (_m, inner: string) => {
    const endpoint = /<ENDPOINT>.*?<\/ENDPOINT>/.exec(inner);
    return `<TEMPLATE>${endpoint ? endpoint[0] : ''}</TEMPLATE>`;
  });
  await validateAgainstXsd(endpointOnly, schema);
}

export function assertFailure(
  result: OneResult,
  expected: { code: number; message: string; respId?: number },
): void {
  assert.equal(
    result.ok,
    false,
    `expected a failure, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
  );
  if (result.ok) return;
  assert.equal(result.message, expected.message);
  assert.equal(result.code, expected.code);
  assert.equal(result.respId, expected.respId ?? -1);
  assert.equal(result.replicationIndex, -1n);
}

function zoneOf(xml: string): XmlObject {
  return readXmlDocument(xml, { root: 'ZONE', arrays: ['ZONE/SERVER_POOL/SERVER'] })
    .ZONE as XmlObject;
}

for (const backend of daemonBackends) {
  describe(`api/zone through the daemon (${backend.name})`, function () {
    this.timeout(120_000);
    let root: DaemonRoot;
    let daemon: DaemonProcess;
    let admin: string;

    const call = (method: string, ...params: Parameters<DaemonProcess['client']['call']>[1][]) =>
      daemon.client.call(method, ...params);

    async function zoneXml(id: number): Promise<string> {
      const result = await call('one.zone.info', admin, id);
      assert.ok(result.ok, show(result));
      await validateZoneDocument(result.value as string, 'zone.xsd');
      return result.value as string;
    }

    before(async () => {
      root = await DaemonRoot.create({ conf: await backend.database() });
      admin = root.session;
      await (await root.start()).stop();
      // alice (uid 2, group users) may manage the zone that will get id 100, and has a rule
      // that only applies in zone 100: both go when that zone is deleted.
      await addUserOffline(root, { id: 2, name: 'alice', password: 'alice-password', gid: 1 });
      await commitOffline(
        root,
        [
          {
            op: 'insert',
            table: 'acl',
            row: {
              oid: 3,
              userset: INDIVIDUAL | 2n,
              resource: ZONE | INDIVIDUAL | 100n,
              rights: 2n,
              zone: ALL,
            },
          },
          {
            op: 'insert',
            table: 'acl',
            row: {
              oid: 4,
              userset: INDIVIDUAL | 2n,
              resource: HOST | ALL,
              rights: 1n,
              zone: INDIVIDUAL | 100n,
            },
          },
          { op: 'replace', table: 'pool_control', row: { tablename: 'acl', last_oid: 4n } },
        ],
        { federated: true },
      );
      root.writeConf({ conf: (c) => void (c.federation.mode = 'MASTER') });
      daemon = await root.start();
    });

    after(async () => {
      await daemon?.stop();
    });

    it('allocates user zones from id 100, without NAME or SERVER in the template', async () => {
      assert.deepEqual(
        await call(
          'one.zone.allocate',
          admin,
          'NAME = "zone-a"\nENDPOINT = http://10.0.0.1:2633/RPC2\nSERVER = [ NAME = x, ENDPOINT = y ]',
        ),
        { ok: true, value: 100 },
      );
      assert.deepEqual(
        await call(
          'one.zone.allocate',
          admin,
          '<TEMPLATE><NAME>zone-b</NAME><ENDPOINT>http://10.0.0.2:2633/RPC2</ENDPOINT><ONEFLOW_ENDPOINT>http://10.0.0.2:2474</ONEFLOW_ENDPOINT></TEMPLATE>',
        ),
        { ok: true, value: 101 },
      );
      assert.deepEqual(zoneOf(await zoneXml(100)), {
        ID: '100',
        NAME: 'zone-a',
        STATE: '0',
        TEMPLATE: { ENDPOINT: 'http://10.0.0.1:2633/RPC2' },
        SERVER_POOL: { SERVER: [] },
      });
      const b = await call('one.zone.info', admin, 101);
      assert.ok(b.ok);
      assert.equal(
        b.value,
        '<ZONE><ID>101</ID><NAME>zone-b</NAME><STATE>0</STATE><TEMPLATE><ENDPOINT><![CDATA[http://10.0.0.2:2633/RPC2]]></ENDPOINT>' +
          '<ONEFLOW_ENDPOINT><![CDATA[http://10.0.0.2:2474]]></ONEFLOW_ENDPOINT></TEMPLATE><SERVER_POOL></SERVER_POOL></ZONE>',
      );
    });

    it('refuses allocations with oned messages, creating nothing', async () => {
      const before = await call('one.zonepool.info', admin);
      const m = '[one.zone.allocate] ';
      const INTERNAL = oneErrorCodes.INTERNAL;
      assertFailure(await call('one.zone.allocate', admin, 'ENDPOINT = http://x/RPC2'), {
        code: INTERNAL,
        message: `${m}Invalid NAME, it cannot be empty`,
      });
      assertFailure(
        await call('one.zone.allocate', admin, 'NAME = "a:b"\nENDPOINT = http://x/RPC2'),
        { code: INTERNAL, message: `${m}Invalid NAME, char ':' is not allowed` },
      );
      assertFailure(
        await call(
          'one.zone.allocate',
          admin,
          `NAME = ${'n'.repeat(129)}\nENDPOINT = http://x/RPC2`,
        ),
        { code: INTERNAL, message: `${m}Invalid NAME, max length is 128 chars` },
      );
      assertFailure(
        await call('one.zone.allocate', admin, 'NAME = zone-a\nENDPOINT = http://x/RPC2'),
        { code: INTERNAL, message: `${m}NAME is already taken by Zone 100.` },
      );
      assertFailure(await call('one.zone.allocate', admin, 'NAME = zone-c'), {
        code: INTERNAL,
        message: `${m}ENDPOINT not present in template.`,
      });
      const syntax = await call('one.zone.allocate', admin, 'NAME = [ unterminated');
      assert.equal(syntax.ok, false);
      assert.ok(
        !syntax.ok && syntax.code === INTERNAL && syntax.message.startsWith(m),
        show(syntax),
      );
      assertFailure(
        await call('one.zone.allocate', ALICE, 'NAME = zone-c\nENDPOINT = http://x/RPC2'),
        {
          code: oneErrorCodes.AUTHORIZATION,
          message: `${m}User [2] : Not authorized to perform CREATE ZONE.`,
        },
      );
      assert.deepEqual(await call('one.zonepool.info', admin), before);
    });

    it('answers one.zone.info for any user with USE, and NO_EXISTS with the id as resp_id', async () => {
      const asAdmin = await zoneXml(0);
      assert.equal(await daemon.client.value('one.zone.info', ALICE, 0), asAdmin);
      assert.equal(await daemon.client.value('one.zone.info', ALICE, 0, true), asAdmin);
      assertFailure(await call('one.zone.info', admin, 555), {
        code: oneErrorCodes.NO_EXISTS,
        message: '[one.zone.info] Error getting zone [555].',
        respId: 555,
      });
      assertFailure(await call('one.zone.info', admin, -1), {
        code: oneErrorCodes.NO_EXISTS,
        message: '[one.zone.info] Error getting zone Pool.',
      });
      assertFailure(await call('one.zone.info', 'alice:wrong', 0), {
        code: oneErrorCodes.AUTHENTICATION,
        message: "[one.zone.info] User couldn't be authenticated, aborting call.",
      });
    });

    it('lists the zone pool by id', async () => {
      for (const session of [admin, ALICE]) {
        const pool = (await daemon.client.value('one.zonepool.info', session)) as string;
        await validateZoneDocument(pool, 'zone_pool.xsd');
        const ids = [...pool.matchAll(/<ZONE><ID>(\d+)<\/ID>/g)].map((m) => Number(m[1]));
        assert.deepEqual(ids, [0, 100, 101]);
      }
    });

    it('updates templates: replace by default, merge with 1, ENDPOINT kept as "-"', async () => {
      assert.deepEqual(
        await call('one.zone.update', admin, 101, 'ENDPOINT = http://b/RPC2\nA = 1\nB = 2', 1),
        { ok: true, value: 101 },
      );
      assert.deepEqual(zoneOf(await zoneXml(101)).TEMPLATE, {
        A: '1',
        B: '2',
        ENDPOINT: 'http://b/RPC2',
        ONEFLOW_ENDPOINT: 'http://10.0.0.2:2474',
      });
      assert.deepEqual(await call('one.zone.update', admin, 101, 'C = 3\nSERVER = [ NAME = s ]'), {
        ok: true,
        value: 101,
      });
      assert.deepEqual(zoneOf(await zoneXml(101)).TEMPLATE, { C: '3', ENDPOINT: '-' });
      assert.deepEqual(await call('one.zone.update', admin, 101, 'ENDPOINT = http://b/RPC2', 0), {
        ok: true,
        value: 101,
      });
      assert.deepEqual(zoneOf(await zoneXml(101)).TEMPLATE, { ENDPOINT: 'http://b/RPC2' });
    });

    it('refuses updates with oned messages', async () => {
      const m = '[one.zone.update] ';
      assertFailure(await call('one.zone.update', admin, 101, 'A = 1', 2), {
        code: oneErrorCodes.RPC_API,
        message: `${m}Wrong update type`,
      });
      const syntax = await call('one.zone.update', admin, 101, 'A = [ B = 1');
      assert.ok(
        !syntax.ok &&
          syntax.code === oneErrorCodes.INTERNAL &&
          syntax.message.startsWith(`${m}Cannot update template. `),
        show(syntax),
      );
      assertFailure(await call('one.zone.update', admin, 555, 'A = 1'), {
        code: oneErrorCodes.NO_EXISTS,
        message: `${m}Error getting zone [555].`,
        respId: 555,
      });
      assertFailure(await call('one.zone.update', ALICE, 101, 'A = 1'), {
        code: oneErrorCodes.AUTHORIZATION,
        message: `${m}User [2] : Not authorized to perform MANAGE ZONE [101].`,
      });
      assert.deepEqual(zoneOf(await zoneXml(101)).TEMPLATE, { ENDPOINT: 'http://b/RPC2' });
    });

    it('renames zones, and refuses collisions, bad names, missing zones and non-managers', async () => {
      const m = '[one.zone.rename] ';
      assert.deepEqual(await call('one.zone.rename', ALICE, 100, 'zone-alice'), {
        ok: true,
        value: 100,
      });
      assert.equal(zoneOf(await zoneXml(100)).NAME, 'zone-alice');
      assert.deepEqual(await call('one.zone.rename', admin, 100, 'zone-alice'), {
        ok: true,
        value: 100,
      });
      assertFailure(await call('one.zone.rename', admin, 100, 'OpenNebula'), {
        code: oneErrorCodes.ACTION,
        message: `${m}zone cannot be renamed to OpenNebula because it collides with zone 0`,
      });
      assertFailure(await call('one.zone.rename', admin, 100, 'a;b'), {
        code: oneErrorCodes.ACTION,
        message: `${m}Invalid NAME, char ';' is not allowed`,
      });
      assertFailure(await call('one.zone.rename', admin, 555, 'x'), {
        code: oneErrorCodes.NO_EXISTS,
        message: `${m}Error getting zone [555].`,
        respId: 555,
      });
      assertFailure(await call('one.zone.rename', ALICE, 101, 'x'), {
        code: oneErrorCodes.AUTHORIZATION,
        message: `${m}User [2] : Not authorized to perform MANAGE ZONE [101].`,
      });
    });

    it('answers one.zone.raftstatus to the oneadmin group only', async () => {
      const xml = (await daemon.client.value('one.zone.raftstatus', admin)) as string;
      await validateAgainstXsd(xml, 'raftstatus.xsd');
      const raft = readXmlDocument(xml, { root: 'RAFT' }).RAFT as XmlObject;
      assert.deepEqual(
        { ...raft, FEDLOG_INDEX: undefined },
        {
          SERVER_ID: '-1',
          STATE: '0',
          TERM: '0',
          VOTEDFOR: '-1',
          COMMIT: '0',
          LOG_INDEX: '-1',
          LOG_TERM: '-1',
          FEDLOG_INDEX: undefined,
        },
      );
      const db = await openRootDatabase(root);
      try {
        const [row] = await db.query('SELECT MAX(fed_index) AS i FROM logdb WHERE fed_index <> ?', [
          18446744073709551615n,
        ]);
        assert.equal(
          raft.FEDLOG_INDEX,
          String(row!.i),
          'a master reports its last federated index',
        );
      } finally {
        await db.close();
      }
      assertFailure(await call('one.zone.raftstatus', ALICE), {
        code: oneErrorCodes.AUTHORIZATION,
        message: '[one.zone.raftstatus] User [2] : Not authorized to perform ADMIN ZONE [0].',
      });
    });

    it('disables and enables its own zone; a disabled zone refuses all but the allowed calls', async () => {
      const m = '[one.zone.enable] ';
      assertFailure(await call('one.zone.enable', admin, 100, false), {
        code: oneErrorCodes.ACTION,
        message: `${m}Enable/disable mode have to be set through the target zone endpoints`,
      });
      assertFailure(await call('one.zone.enable', ALICE, 0, false), {
        code: oneErrorCodes.AUTHORIZATION,
        message: `${m}User [2] : Not authorized to perform ADMIN ZONE [0].`,
      });
      assert.deepEqual(await call('one.zone.enable', admin, 0, false), { ok: true, value: 0 });
      assert.equal(zoneOf(await zoneXml(0)).STATE, '1');
      for (const [method, ...params] of [
        ['one.zone.update', admin, 100, 'X = 1'],
        ['one.zone.rename', admin, 100, 'x'],
        ['one.zone.allocate', admin, 'NAME = x\nENDPOINT = y'],
        ['one.zone.delete', admin, 101],
      ] as const) {
        assertFailure(await call(method, ...params), {
          code: oneErrorCodes.INTERNAL,
          message: `[${method}] Cannot process request, zone disabled`,
        });
      }
      for (const [method, ...params] of [
        ['one.zone.info', admin, 100],
        ['one.zonepool.info', admin],
        ['one.zone.raftstatus', admin],
        ['one.system.version', admin],
        ['one.system.config', admin],
      ] as const) {
        assert.equal((await call(method, ...params)).ok, true, method);
      }
      // The state survives a restart.
      await daemon.stop();
      daemon = await root.start();
      assertFailure(await call('one.zone.update', admin, 100, 'X = 1'), {
        code: oneErrorCodes.INTERNAL,
        message: '[one.zone.update] Cannot process request, zone disabled',
      });
      assert.deepEqual(await call('one.zone.enable', admin, 0, true), { ok: true, value: 0 });
      assert.equal(zoneOf(await zoneXml(0)).STATE, '0');
      assert.equal((await call('one.zone.update', admin, 100, 'X = 1', 1)).ok, true);
    });

    it('deletes user zones with the ACL rules about them, never system zones', async () => {
      const m = '[one.zone.delete] ';
      assertFailure(await call('one.zone.delete', admin, 0), {
        code: oneErrorCodes.ACTION,
        message: `${m}Cannot delete zone. System Zones (ID < 100) cannot be deleted.`,
      });
      assertFailure(await call('one.zone.delete', admin, 555), {
        code: oneErrorCodes.NO_EXISTS,
        message: `${m}Error getting zone [555].`,
        respId: 555,
      });
      assertFailure(await call('one.zone.delete', ALICE, 100), {
        code: oneErrorCodes.AUTHORIZATION,
        message: `${m}User [2] : Not authorized to perform ADMIN ZONE [100].`,
      });
      assert.deepEqual(await call('one.zone.delete', admin, 100), { ok: true, value: 100 });
      assertFailure(await call('one.zone.info', admin, 100), {
        code: oneErrorCodes.NO_EXISTS,
        message: '[one.zone.info] Error getting zone [100].',
        respId: 100,
      });
      const db = await openRootDatabase(root);
      try {
        const rules = await db.query('SELECT oid FROM acl ORDER BY oid');
        assert.deepEqual(
          rules.map((r) => Number(r.oid)),
          [0, 1, 2],
        );
      } finally {
        await db.close();
      }
      // alice lost her rule with the zone.
      assertFailure(await call('one.zone.rename', ALICE, 101, 'y'), {
        code: oneErrorCodes.AUTHORIZATION,
        message: '[one.zone.rename] User [2] : Not authorized to perform MANAGE ZONE [101].',
      });
      // Ids are not reused.
      assert.deepEqual(
        await call('one.zone.allocate', admin, 'NAME = zone-c\nENDPOINT = http://c/RPC2'),
        { ok: true, value: 102 },
      );
    });

    it('answers wrong parameter types and counts with xmlrpc-c faults', async () => {
      const type = (what: string) => ({
        faultCode: -501,
        faultString: `Parameter that is supposed to be ${what} is not`,
      });
      const client = daemon.client;
      assert.deepEqual(await client.fault('one.zone.info', admin, '0'), type('integer'));
      assert.deepEqual(await client.fault('one.zone.info', admin, 0, 1), type('boolean'));
      assert.deepEqual(await client.fault('one.zone.info', admin, 0n), type('integer'));
      assert.deepEqual(await client.fault('one.zone.enable', admin, 0, 1), type('boolean'));
      assert.deepEqual(await client.fault('one.zone.allocate', admin, 5), type('a string'));
      assert.deepEqual(await client.fault('one.zone.update', admin, 101), {
        faultCode: -501,
        faultString: 'Not enough parameters',
      });
      assert.deepEqual(await client.fault('one.zone.rename', admin), {
        faultCode: -501,
        faultString: 'Not enough parameters',
      });
      assert.deepEqual(await client.fault('one.zone.bogus', admin), {
        faultCode: -506,
        faultString: "Method 'one.zone.bogus' not defined",
      });
      // Extra parameters are ignored, as oned never checks the end of the list.
      assert.equal((await call('one.zonepool.info', admin, 'extra', 7)).ok, true);
    });
  });

  describe(`api/zone on a standalone daemon (${backend.name})`, function () {
    this.timeout(120_000);

    it('refuses one.zone.allocate and reports FEDLOG_INDEX -1', async () => {
      const root = await DaemonRoot.create({ conf: await backend.database() });
      const daemon = await root.start();
      try {
        assertFailure(
          await daemon.client.call(
            'one.zone.allocate',
            root.session,
            'NAME = x\nENDPOINT = http://x/RPC2',
          ),
          {
            code: oneErrorCodes.ALLOCATE,
            message:
              '[one.zone.allocate] Error allocating a new zone. New zones can only be created at federation master',
          },
        );
        const xml = (await daemon.client.value('one.zone.raftstatus', root.session)) as string;
        assert.match(xml, /<FEDLOG_INDEX>-1<\/FEDLOG_INDEX><\/RAFT>$/);
      } finally {
        await daemon.stop();
      }
    });

    it('refuses to bootstrap an empty database as a federation master', async () => {
      const root = await DaemonRoot.create({ conf: await backend.database() });
      root.writeConf({ conf: (c) => void (c.federation.mode = 'MASTER') });
      const result = await root.run();
      assert.equal(result.code, 1);
      assert.match(result.stderr, /Database has to be bootstraped/);
    });
  });
}
