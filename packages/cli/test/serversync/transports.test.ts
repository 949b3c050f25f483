// remoteHost reads HOST[:PORT] the same way for the agent and SSH transports (connections
// open at the first call: the agent case reaches a listener of this test's own), and logs
// in over SSH with an ssh-agent when the default key file does not exist.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePaths } from '@onekit/core';
import { remoteHost, type RemoteTransportOptions } from '../../src/serversync/transports.js';
import type { SshTransport } from '../../src/transport/ssh-transport.js';
import {
  startSshAgent,
  startSshd,
  type ScratchSshAgent,
  type ScratchSshd,
} from '../../../../test/support/sshd.js';

describe('serversync/transports remoteHost', () => {
  let dir: string;
  let base: Omit<RemoteTransportOptions, 'kind' | 'server'>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'remote-host-'));
    const tokenFile = join(dir, 'agent_token');
    writeFileSync(tokenFile, 'a'.repeat(64), { mode: 0o600 });
    base = {
      localPaths: resolvePaths({ oneLocation: dir }),
      env: {},
      home: dir,
      agentTokenFile: tokenFile,
      knownHosts: join(dir, 'known_hosts'),
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names an SSH host by HOST:PORT unless sshd is on port 22', async () => {
    for (const [server, name] of [
      ['fe2:2222', 'fe2:2222'],
      ['fe2:22', 'fe2'],
      ['fe2', 'fe2'],
      ['[fe80::1]:2222', '[fe80::1]:2222'],
    ]) {
      const t = await remoteHost({ ...base, kind: 'ssh', server: server! });
      assert.equal(t.kind, 'ssh');
      assert.equal(t.host, name, server);
      await t.close();
    }
  });

  it('takes the agent port from HOST:PORT over --agent-port', async () => {
    // Something listening on the port the spec names: the agent transport's call lands there.
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const t = await remoteHost({
      ...base,
      kind: 'agent',
      server: `127.0.0.1:${port}`,
      agentPort: port === 1 ? 2 : 1,
    });
    try {
      assert.equal(t.kind, 'agent');
      assert.equal(t.host, '127.0.0.1');
      await assert.rejects(t.versions());
      assert.ok(connections > 0, 'the call went to the port the spec names');
    } finally {
      await t.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a bad port with FLAG_INVALID naming the flag', async () => {
    for (const kind of ['agent', 'ssh'] as const) {
      await assert.rejects(remoteHost({ ...base, kind, server: 'fe2:99999', field: 'from' }), {
        code: 'FLAG_INVALID',
        where: { field: 'from' },
      });
      await assert.rejects(remoteHost({ ...base, kind, server: 'fe2:x' }), {
        code: 'FLAG_INVALID',
        where: { field: 'server' },
      });
    }
  });
});

describe('serversync/transports remoteHost over SSH (a real sshd)', function () {
  this.timeout(60_000);
  let sshd: ScratchSshd;
  let agent: ScratchSshAgent;
  let dir: string;

  before(async () => {
    sshd = await startSshd({ address: '127.0.0.4' });
    agent = await startSshAgent([sshd.clientKeyPath]);
    dir = mkdtempSync(join(tmpdir(), 'remote-host-ssh-'));
    writeFileSync(join(dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
  });
  after(async () => {
    await Promise.all([sshd?.stop(), agent?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const options = (env: Record<string, string>): RemoteTransportOptions => ({
    kind: 'ssh',
    server: `${sshd.host}:${sshd.port}`,
    // No <var>/.ssh/id_rsa in this layout.
    localPaths: resolvePaths({ oneLocation: dir }),
    env,
    home: dir,
    sshUser: 'root',
    knownHosts: join(dir, 'known_hosts'),
  });

  it('logs in with the ssh-agent alone when the default key does not exist', async () => {
    const t = (await remoteHost(options({ SSH_AUTH_SOCK: agent.socketPath }))) as SshTransport;
    try {
      assert.equal((await t.run('echo logged-in')).stdout, 'logged-in\n');
    } finally {
      await t.close();
    }
  });

  it('without an ssh-agent, names the missing default key', async () => {
    const t = (await remoteHost(options({}))) as SshTransport;
    try {
      await assert.rejects(t.run('true'), {
        code: 'SSH_AUTH',
        where: { file: join(dir, 'var', '.ssh', 'id_rsa') },
      });
    } finally {
      await t.close();
    }
  });
});
