import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AgentRoot,
  freePort,
  selfSignedCertificate,
  type AgentProcess,
} from '../../../agent/test/support/agent-root.js';
import { AgentTransport } from '../../src/transport/index.js';
import { describeHostTransportContract } from './contract.js';

describeHostTransportContract(
  'agent',
  async (host) => {
    const agent = await host.start();
    return new AgentTransport({ host: host.host, port: host.port, token: agent.token });
  },
  { address: '127.0.0.2' },
);

describe('transport/agent-transport', () => {
  describe('against two agents', () => {
    let first: AgentRoot;
    let second: AgentRoot;
    let one: AgentProcess;
    let two: AgentProcess;
    const transports: AgentTransport[] = [];
    const connect = (root: AgentRoot, token: string) => {
      const made = new AgentTransport({ host: root.host, port: root.port, token });
      transports.push(made);
      return made;
    };

    before(async () => {
      first = await AgentRoot.create({ host: '127.0.0.2' });
      second = await AgentRoot.create({ host: '127.0.0.3' });
      [one, two] = await Promise.all([first.start(), second.start()]);
    });
    after(async () => {
      await Promise.all(transports.map((t) => t.close()));
      await first.remove();
      await second.remove();
    });

    it('reaches each host on its own address, several calls at once', async () => {
      const a = connect(first, one.token);
      const b = connect(second, two.token);
      const [pa, pb] = await Promise.all([a.paths(), b.paths()]);
      assert.equal(pa.etc, first.paths.etc);
      assert.equal(pb.etc, second.paths.etc);
      const many = await Promise.all(Array.from({ length: 8 }, () => a.listFiles(first.paths.etc)));
      assert.ok(many.every((files) => files.some((f) => f.path === 'onekit-agent.yaml')));
    });

    it('is refused with a wrong token', async () => {
      await assert.rejects(connect(second, one.token).paths(), {
        code: 'AGENT_AUTH',
        where: { field: 'authorization' },
      });
    });

    it('is refused paths outside the allowed roots, and links that lead out', async () => {
      const t = connect(first, one.token);
      const outside = path.join(first.dir, 'outside');
      await mkdir(outside, { recursive: true });
      await writeFile(path.join(outside, 'secret'), 'no');
      await symlink(outside, path.join(first.paths.etc, 'escape'));
      await symlink(path.join(outside, 'secret'), path.join(first.paths.etc, 'secret-link'));
      const cases = [
        `${first.paths.etc}/../outside/secret`,
        `${first.paths.etc}/escape/secret`,
        `${first.paths.etc}/secret-link`,
        path.join(outside, 'secret'),
      ];
      for (const file of cases) {
        await assert.rejects(t.readFile(file), { code: 'PATH_REFUSED', where: { file } });
      }
      const planted = `${first.paths.etc}/escape/planted`;
      await assert.rejects(t.writeFile(planted, Buffer.from('x')), {
        code: 'PATH_REFUSED',
        where: { file: planted },
      });
      await assert.rejects(
        t.writeFile(`${first.paths.etc}/a`, Buffer.from('x'), { backupDir: '/tmp' }),
        {
          code: 'PATH_REFUSED',
          where: { file: '/tmp' },
        },
      );
      await assert.rejects(t.listFiles(first.dir), { code: 'PATH_REFUSED' });
    });

    it('refuses content over the body limit before sending it', async () => {
      const t = connect(first, one.token);
      await assert.rejects(t.writeFile(`${first.paths.etc}/huge`, Buffer.alloc(49 * 1024 * 1024)), {
        code: 'AGENT_REQUEST',
        where: { field: 'body' },
      });
    });

    it('passes the refusal of an unknown operation through', async () => {
      const t = connect(first, one.token);
      await assert.rejects(t.call('reboot' as never, {} as never), {
        code: 'AGENT_REQUEST',
        where: { field: 'op' },
      });
    });

    it('reports an agent that does not answer as CONNECTION, naming it', async () => {
      const port = await freePort('127.0.0.4');
      const t = new AgentTransport({ host: '127.0.0.4', port, token: 'x' });
      transports.push(t);
      await assert.rejects(t.versions(), {
        code: 'CONNECTION',
        where: { field: `127.0.0.4:${port}` },
      });
    });
  });

  describe('over TLS', () => {
    let dir: string;
    let root: AgentRoot;
    let agent: AgentProcess;
    let ca: string;
    let fingerprint: string;
    const transports: AgentTransport[] = [];
    const connect = (tls?: { ca: string; fingerprint256?: string }) => {
      const made = new AgentTransport({
        host: root.host,
        port: root.port,
        token: agent.token,
        ...(tls ? { tls } : {}),
      });
      transports.push(made);
      return made;
    };

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'onekit-agent-tls-'));
      const pem = selfSignedCertificate(dir, '127.0.0.3');
      root = await AgentRoot.create({ host: '127.0.0.3', tls: pem });
      agent = await root.start();
      ca = await readFile(pem.cert, 'utf8');
      fingerprint = new X509Certificate(ca).fingerprint256;
    });
    after(async () => {
      await Promise.all(transports.map((t) => t.close()));
      await root.remove();
      await rm(dir, { recursive: true, force: true });
    });

    it('trusts the certificate it is given, and checks a pinned fingerprint', async () => {
      assert.equal((await connect({ ca }).paths()).etc, root.paths.etc);
      assert.equal(
        (await connect({ ca, fingerprint256: fingerprint.toLowerCase() }).paths()).etc,
        root.paths.etc,
      );
    });

    it('refuses a certificate it cannot verify or whose fingerprint differs', async () => {
      const other = createHash('sha256').update('another certificate').digest('hex');
      await assert.rejects(connect({ ca, fingerprint256: other }).paths(), { code: 'CONNECTION' });
      const strangerDir = path.join(dir, 'stranger');
      await mkdir(strangerDir);
      const stranger = await readFile(selfSignedCertificate(strangerDir, '127.0.0.3').cert, 'utf8');
      await assert.rejects(connect({ ca: stranger }).paths(), { code: 'CONNECTION' });
    });

    it('cannot speak plain HTTP to a TLS agent', async () => {
      await assert.rejects(connect().paths(), (err: unknown) =>
        ['CONNECTION', 'AGENT_RESPONSE'].includes((err as { code?: string }).code ?? ''),
      );
    });
  });
});
