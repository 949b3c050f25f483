import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { decodeMethodCall, encodeMethodResponse } from '@onekit/core';
import { ensureDaemonStopped, onedEndpoint } from '../../src/backup/index.js';
import { freePort } from '../../../../test/support/daemon.js';

/** A local HTTP server answering every POST with `answer`; records the bodies it got. */
async function serve(
  answer: string,
): Promise<{ endpoint: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${address.port}/RPC2`, bodies, server };
}

describe('backup/daemon-check', () => {
  let dir: string;
  let quiet: string;
  const servers: Server[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-daemon-check-'));
    quiet = `http://127.0.0.1:${await freePort('127.0.0.1')}/RPC2`;
  });
  after(() => {
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = (o: { lock?: string; alive?: boolean; endpoint?: string }) =>
    ensureDaemonStopped({
      lockFile: join(dir, o.lock ?? 'absent'),
      isAlive: () => o.alive ?? true,
      endpoint: o.endpoint ?? quiet,
    });

  it('lets an offline operation go on when nothing holds the lock or answers', async () => {
    await check({});
  });

  it('refuses a lock file whose process lives, or that holds no pid', async () => {
    writeFileSync(join(dir, 'live'), `${process.pid}\n`);
    await assert.rejects(check({ lock: 'live' }), {
      code: 'DB_BACKUP',
      where: { file: join(dir, 'live') },
    });
    writeFileSync(join(dir, 'garbled'), 'not a pid');
    await assert.rejects(check({ lock: 'garbled', alive: false }), {
      code: 'DB_BACKUP',
      where: { file: join(dir, 'garbled') },
    });
  });

  it('ignores a lock left by a dead daemon, as the daemon itself does', async () => {
    writeFileSync(join(dir, 'stale'), '999999\n');
    await check({ lock: 'stale', alive: false });
  });

  it('refuses when an XML-RPC server answers, sending it no credentials', async () => {
    const refusal = encodeMethodResponse([false, 'User could not be authenticated', 256]);
    const daemon = await serve(refusal);
    servers.push(daemon.server);
    await assert.rejects(check({ endpoint: daemon.endpoint }), {
      code: 'DB_BACKUP',
      where: { field: 'endpoint' },
    });
    assert.equal(daemon.bodies.length, 1);
    assert.deepEqual(decodeMethodCall(daemon.bodies[0]!), {
      methodName: 'one.system.version',
      params: [''],
    });
  });

  it('does not take another kind of server for a daemon', async () => {
    const web = await serve('<html>not here</html>');
    servers.push(web.server);
    await check({ endpoint: web.endpoint });
  });

  it('turns the listen address of oned.conf into an endpoint a local client reaches', () => {
    assert.equal(
      onedEndpoint({ listenAddress: '0.0.0.0', port: 2633 }),
      'http://127.0.0.1:2633/RPC2',
    );
    assert.equal(onedEndpoint({ listenAddress: '::', port: 2634 }), 'http://[::1]:2634/RPC2');
    assert.equal(
      onedEndpoint({ listenAddress: '127.0.0.7', port: 2635 }),
      'http://127.0.0.7:2635/RPC2',
    );
  });
});
