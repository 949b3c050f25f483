// The XML-RPC endpoint under bad input: wrong paths and verbs, bodies that are no
// XML-RPC call, oversized bodies, broken HTTP, bad templates. Every one gets an answer,
// changes nothing, and the daemon keeps serving.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import { decodeMethodResponse, encodeMethodCall, oneErrorCodes } from '@onekit/core';
import { daemonBackends, openRootDatabase } from '../support/daemon-backends.js';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';

const MESSAGE_SIZE = 8192;

for (const backend of daemonBackends) {
  describe(`rpc/http endpoint under bad input (${backend.name})`, function () {
    this.timeout(180_000);
    let root: DaemonRoot;
    let daemon: DaemonProcess;

    /** What must not change: the zones and the last log index. */
    async function snapshot(): Promise<{ zones: unknown; lastIndex: unknown }> {
      const db = await openRootDatabase(root);
      try {
        const [row] = await db.query('SELECT MAX(log_index) AS i FROM logdb');
        return {
          zones: await daemon.client.value('one.zonepool.info', root.session),
          lastIndex: row!.i,
        };
      } finally {
        await db.close();
      }
    }

    async function stillServing(): Promise<void> {
      assert.equal(await daemon.client.value('one.system.version', root.session), '7.5.80');
    }

    before(async () => {
      root = await DaemonRoot.create({
        conf: await backend.database(),
        extraConf: `MESSAGE_SIZE = ${MESSAGE_SIZE}\n`,
      });
      daemon = await root.start();
    });

    after(async () => {
      await daemon?.stop();
    });

    it('serves POST /RPC2 only', async () => {
      const body = encodeMethodCall('one.system.version', [root.session]);
      assert.equal((await daemon.client.raw(body, { path: '/' })).status, 404);
      assert.equal((await daemon.client.raw(body, { path: '/RPC3' })).status, 404);
      const get = await daemon.client.raw('', { method: 'GET' });
      assert.equal(get.status, 405);
      assert.equal(get.headers.allow, 'POST');
      const options = await daemon.client.raw('', { method: 'OPTIONS' });
      assert.equal(options.status, 200);
      assert.equal(options.headers.allow, 'POST');
      const query = await daemon.client.raw(body, { path: '/RPC2?x=1' });
      assert.equal(query.status, 200);
      assert.equal(query.headers['content-type'], 'text/xml');
      await stillServing();
    });

    it('answers bodies that are no XML-RPC call with a parse fault', async () => {
      const before = await snapshot();
      const bodies = [
        '',
        'not xml at all',
        '<methodCall><methodName>one.system.version</methodName><params>',
        '<methodResponse><params/></methodResponse>',
        '<methodCall><methodName>one zone</methodName></methodCall>',
        '<methodCall><methodName>x</methodName><params><param><value><int>12x</int></value></param></params></methodCall>',
        '<methodCall><methodName>x</methodName><params><param><value><i4>99999999999</i4></value></param></params></methodCall>',
        `<methodCall><methodName>x</methodName><params><param>${'<value><array><data>'.repeat(100)}</param></params></methodCall>`,
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodCall><methodName>&a;</methodName></methodCall>',
      ];
      for (const body of [...bodies, Buffer.from([0xff, 0xfe, 0x00, 0x41])]) {
        const answer = await daemon.client.raw(body);
        assert.equal(answer.status, 200, String(body));
        const response = decodeMethodResponse(answer.body);
        assert.equal(response.kind, 'fault', String(body));
        if (response.kind === 'fault') {
          assert.equal(response.fault.faultCode, -503);
          assert.match(response.fault.faultString, /^Call XML not a proper XML-RPC call\. {2}\S/);
        }
      }
      assert.deepEqual(await snapshot(), before);
      await stillServing();
    });

    it('refuses bodies over MESSAGE_SIZE with 413, before reading them', async () => {
      const before = await snapshot();
      const big = encodeMethodCall('one.zone.update', [
        root.session,
        0,
        `A = "${'x'.repeat(MESSAGE_SIZE)}"`,
        1,
      ]);
      const declared = await daemon.client.raw(big);
      assert.equal(declared.status, 413);
      assert.equal(declared.headers.connection, 'close');
      const chunked = await daemon.client.raw(big, { chunked: true });
      assert.equal(chunked.status, 413);
      const fits = encodeMethodCall('one.zone.update', [
        root.session,
        0,
        `A = "${'x'.repeat(MESSAGE_SIZE / 2)}"`,
        1,
      ]);
      assert.equal((await daemon.client.raw(fits)).status, 200);
      const after = await snapshot();
      assert.notDeepEqual(after, before, 'the call that fits is applied');
      await stillServing();
    });

    it('answers broken HTTP with 400 and keeps serving', async () => {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(root.port, root.host, () =>
          socket.write('THIS IS NOT HTTP\r\n\r\n'),
        );
        let data = '';
        socket.on('data', (c) => (data += c.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      assert.match(reply, /^HTTP\/1\.1 400 Bad Request/);
      await stillServing();
    });

    it('changes nothing on a bad template', async () => {
      const before = await snapshot();
      for (const [method, ...params] of [
        ['one.zone.update', root.session, 0, 'A = [ B = 1'],
        ['one.zone.update', root.session, 0, '<TEMPLATE><A>'],
        ['one.zone.update', root.session, 0, 'A = "x]]>y"'],
        ['one.zone.update', root.session, 0, 'A = 1\n= 2', 1],
      ] as const) {
        const result = await daemon.client.call(method, ...params);
        assert.ok(
          !result.ok && result.code === oneErrorCodes.INTERNAL,
          `${method} ${String(params[2])}`,
        );
      }
      assert.deepEqual(await snapshot(), before);
      await stillServing();
    });

    it('never fails to answer, whatever the body (property)', async () => {
      const before = await snapshot();
      const call = fc.record({
        method: fc.constantFrom(
          'one.zone.info',
          'one.zone.update',
          'one.zonepool.info',
          'one.zone.rename',
          'nope',
        ),
        params: fc.array(
          fc.oneof(
            fc.string(),
            fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
            fc.boolean(),
            fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          ),
          { maxLength: 4 },
        ),
      });
      const bodies = fc.oneof(
        fc.string().map((s) => Buffer.from(s)),
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        // Calls with a wrong session: refused before anything runs.
        call.map(({ method, params }) =>
          Buffer.from(encodeMethodCall(method, ['oneadmin:wrong', ...params])),
        ),
      );
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const answer = await daemon.client.raw(body);
          assert.equal(answer.status, 200);
          decodeMethodResponse(answer.body);
        }),
        { numRuns: 60 },
      );
      assert.deepEqual(await snapshot(), before);
      await stillServing();
    });
  });
}
