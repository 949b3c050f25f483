import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTemplate, vectorValue } from '@onekit/core';
import { resolveServerId, serverAddTemplate, zoneView } from '../../src/zone/index.js';

// server-add's SERVER template and the <serverid> argument of server-del and server-reset.

describe('zone/zone-server-args', () => {
  it('writes the SERVER vector one.zone.addserver reads', () => {
    const text = serverAddTemplate({ name: 'fe-2', rpc: 'http://10.0.0.2:2633/RPC2' });
    assert.equal(text, 'SERVER=[\n  ENDPOINT="http://10.0.0.2:2633/RPC2",\n  NAME="fe-2" ]\n');
    const grpc = serverAddTemplate({ name: 'fe-3', grpc: '10.0.0.3:2634' });
    assert.equal(
      vectorValue(parseTemplate(grpc).getVector('SERVER'), 'ENDPOINT_GRPC'),
      '10.0.0.3:2634',
    );
  });

  it('reads back the name and endpoint given, whatever their characters (property)', () => {
    const value = fc
      .string({ minLength: 1 })
      .filter((s) => s.trim() === s && !s.endsWith('\\') && !s.includes(']]>'));
    fc.assert(
      fc.property(value, value, (name, path) => {
        const rpc = `https://${path}`;
        const server = parseTemplate(serverAddTemplate({ name, rpc })).getVector('SERVER');
        assert.equal(vectorValue(server, 'NAME'), name);
        assert.equal(vectorValue(server, 'ENDPOINT'), rpc);
      }),
    );
  });

  it('needs a name and an endpoint, and an http(s) XML-RPC endpoint', () => {
    const refused = (flags: Parameters<typeof serverAddTemplate>[0], code: string, field: string) =>
      assert.throws(
        () => serverAddTemplate(flags),
        (err: { code: string; where: object }) => {
          assert.equal(err.code, code);
          assert.deepEqual(err.where, { field });
          return true;
        },
      );
    refused({ rpc: 'http://10.0.0.2:2633/RPC2' }, 'FLAG_REQUIRED', 'name');
    refused({ name: '  ', rpc: 'http://10.0.0.2:2633/RPC2' }, 'FLAG_REQUIRED', 'name');
    refused({ name: 'fe-2' }, 'FLAG_REQUIRED', 'rpc');
    refused({ name: 'fe-2', rpc: 'ftp://10.0.0.2/RPC2' }, 'FLAG_INVALID', 'rpc');
  });

  it('resolves a server id, or a name in the zone server pool', async () => {
    const zone = zoneView({
      ID: 0,
      NAME: 'OpenNebula',
      TEMPLATE: {},
      SERVER_POOL: {
        SERVER: [
          { ID: '0', NAME: 'fe-0', ENDPOINT: 'http://a/RPC2' },
          { ID: '4', NAME: 'fe-4', ENDPOINT: 'http://b/RPC2' },
          { ID: '5', NAME: 'twin', ENDPOINT: 'http://c/RPC2' },
          { ID: '6', NAME: 'twin', ENDPOINT: 'http://d/RPC2' },
        ],
      },
    });
    let reads = 0;
    const read = async () => (reads++, zone);
    assert.equal(await resolveServerId('7', read), 7);
    assert.equal(reads, 0, 'an id needs no lookup');
    assert.equal(await resolveServerId('fe-4', read), 4);
    for (const name of ['twin', 'nobody']) {
      await assert.rejects(
        resolveServerId(name, read),
        (err: { code: string; message: string }) => {
          assert.equal(err.code, 'OBJECT_NAME');
          assert.equal(err.message, `${name} not found or duplicated`);
          return true;
        },
      );
    }
  });
});
