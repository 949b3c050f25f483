import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeMethodResponse, oneErrorCodes } from '@onekit/core';
import { DaemonRoot, type DaemonProcess } from '../../../daemon/test/support/daemon-root.js';
import { OneApiError, XmlRpcClient, oneApi } from '../../src/rpc/index.js';

// The client against a real daemon (answers, refusals, faults, HTTP errors), a port where
// nothing listens, and a bare HTTP server standing in for a peer that keeps connections
// open or never answers.

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/RPC2`),
    ),
  );
}

describe('rpc/xmlrpc-client', function () {
  this.timeout(60_000);
  let root: DaemonRoot;
  let daemon: DaemonProcess;
  let endpoint: string;

  before(async () => {
    root = await DaemonRoot.create();
    daemon = await root.start();
    endpoint = `http://${root.host}:${root.port}/RPC2`;
  });
  after(async () => {
    await daemon?.stop();
    root?.remove();
  });

  it('returns the value of a successful call', async () => {
    const client = new XmlRpcClient({ endpoint, session: root.session });
    try {
      assert.match(await client.callText('one.system.version'), /^\d+\.\d+\.\d+/);
      assert.match(await client.callText('one.zonepool.info'), /^<ZONE_POOL>/);
    } finally {
      client.close();
    }
  });

  it("throws OneApiError with the server's message and OpenNebula's code", async () => {
    const client = new XmlRpcClient({ endpoint, session: root.session });
    try {
      await assert.rejects(client.call('one.zone.info', 42), (err: unknown) => {
        assert.ok(err instanceof OneApiError);
        assert.equal(err.code, 'ONE_API');
        assert.deepEqual(err.where, { field: 'one.zone.info' });
        assert.equal(err.message, '[one.zone.info] Error getting zone [42].');
        assert.equal(err.oneCode, oneErrorCodes.NO_EXISTS);
        assert.equal(err.oneCodeName, 'NO_EXISTS');
        return true;
      });
      const wrong = new XmlRpcClient({ endpoint, session: 'oneadmin:wrong' });
      await assert.rejects(wrong.call('one.zonepool.info'), {
        oneCode: oneErrorCodes.AUTHENTICATION,
      });
      wrong.close();
    } finally {
      client.close();
    }
  });

  it('reports faults, HTTP errors and answers of the wrong type', async () => {
    const client = new XmlRpcClient({ endpoint, session: root.session });
    try {
      await assert.rejects(client.call('one.no.such'), {
        code: 'XMLRPC_FAULT',
        where: { field: 'one.no.such' },
      });
      await assert.rejects(client.callId('one.system.version'), { code: 'XMLRPC_TYPE' });
      const other = new XmlRpcClient({
        endpoint: endpoint.replace('/RPC2', '/other'),
        session: root.session,
      });
      await assert.rejects(other.call('one.system.version'), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'CONNECTION');
        assert.match(err.message, /HTTP 404/);
        return true;
      });
      other.close();
    } finally {
      client.close();
    }
  });

  it('fails with CONNECTION naming the endpoint when nothing listens', async () => {
    const client = new XmlRpcClient({ endpoint: 'http://127.0.0.1:9/RPC2', session: 'a:b' });
    await assert.rejects(
      client.call('one.system.version'),
      (err: Error & { code?: string; where?: unknown }) => {
        assert.equal(err.code, 'CONNECTION');
        assert.deepEqual(err.where, { field: 'endpoint' });
        assert.match(err.message, /^http:\/\/127\.0\.0\.1:9\/RPC2: .*ECONNREFUSED/);
        return true;
      },
    );
    client.close();
  });

  it('refuses endpoints that are no http(s) URL', () => {
    assert.throws(() => new XmlRpcClient({ endpoint: 'localhost:2633', session: 'a:b' }), {
      code: 'FLAG_INVALID',
      where: { field: 'endpoint' },
    });
    assert.throws(() => new XmlRpcClient({ endpoint: 'not a url', session: 'a:b' }), {
      code: 'FLAG_INVALID',
    });
  });

  it('keeps the connection alive between calls and sends the session first', async () => {
    let connections = 0;
    const sessions: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        sessions.push(/<param><value><string>([^<]*)<\/string>/.exec(body)![1]!);
        res.end(encodeMethodResponse([true, 'ok', 0]));
      });
    });
    server.on('connection', () => connections++);
    const url = await listen(server);
    const client = new XmlRpcClient({ endpoint: url, session: 'me:pw' });
    try {
      for (let i = 0; i < 3; i++) assert.equal(await client.call('one.system.version'), 'ok');
      assert.equal(connections, 1);
      assert.deepEqual(sessions, ['me:pw', 'me:pw', 'me:pw']);
    } finally {
      client.close();
      server.close();
    }
  });

  it('gives up on a call after its timeout', async () => {
    const server = createServer(() => undefined); // reads the request, never answers
    const url = await listen(server);
    const client = new XmlRpcClient({ endpoint: url, session: 'a:b', timeoutMs: 200 });
    try {
      await assert.rejects(client.call('one.zone.raftstatus'), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'CONNECTION');
        assert.match(err.message, /no answer to one\.zone\.raftstatus within 0\.2 s/);
        return true;
      });
    } finally {
      client.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('reads credentials only when a call is made, once for all clients', async () => {
    let reads = 0;
    const api = oneApi({
      endpoint,
      credentials: async () => {
        reads++;
        const [user, password] = root.session.split(':') as [string, string];
        return { user, password };
      },
    });
    try {
      assert.equal(api.endpoint, endpoint);
      assert.equal(reads, 0);
      const client = await api.client();
      assert.equal(await api.client(), client);
      await client.callText('one.system.version');
      await (await api.clientFor(endpoint, { timeoutMs: 1000 })).callText('one.zone.raftstatus');
      assert.equal(reads, 1);
    } finally {
      api.close();
    }
  });
});
