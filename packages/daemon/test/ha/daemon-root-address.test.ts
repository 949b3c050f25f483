// The addresses test roots get: the servers of a zone share one port, as real servers do, so
// two of them drawing the same loopback address would collide.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'mocha';
import { DaemonRoot, freePort } from '../../../../test/support/daemon.js';

function listen(port: number, host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

describe('test roots on loopback addresses', () => {
  it('gives every live root sharing a port an address of its own', async () => {
    const first = await DaemonRoot.create();
    const roots = [first];
    try {
      for (let i = 0; i < 40; i++) roots.push(await DaemonRoot.create({ port: first.port }));
      const hosts = roots.map((r) => r.host);
      assert.equal(new Set(hosts).size, hosts.length, hosts.join(' '));
      assert.ok(roots.every((r) => r.port === first.port));
    } finally {
      for (const root of roots) root.remove();
    }
  });

  it('takes no address where the shared port is taken, and says when none is left', async () => {
    // A listener on every address at once: the port is taken on each 127.0.0.x.
    const port = await freePort('0.0.0.0');
    const everywhere = await listen(port, '0.0.0.0');
    try {
      await assert.rejects(
        DaemonRoot.create({ port }),
        new RegExp(`no loopback address has port ${port} free`),
      );
    } finally {
      await new Promise((resolve) => everywhere.close(resolve));
    }
  });
});
