import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SshTransport, type SshTransportOptions } from '../../src/transport/ssh-transport.js';
import {
  generateKeyPair,
  shellCommand,
  startSshAgent,
  startSshd,
  type ScratchSshd,
} from '../../../../test/support/sshd.js';
import {
  AgentRoot,
  agentBin,
  freePort,
  TEST_SERVICE,
} from '../../../agent/test/support/agent-root.js';

const run = promisify(execFile);
const ADDRESS = '127.0.0.2';

/** The one-shot command line for a simulated host: its own ONE_LOCATION, nothing else. */
const agentOnceCommand = (root: AgentRoot): string =>
  shellCommand([process.execPath, agentBin, 'once'], { env: root.env });

describe('transport/ssh-transport (a real sshd)', function () {
  this.timeout(30_000);
  let sshd: ScratchSshd;
  let dir: string;
  let knownHosts: string;
  const open: SshTransport[] = [];

  before(async () => {
    sshd = await startSshd({ address: ADDRESS });
  });
  after(async () => {
    await sshd?.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-ssh-test-'));
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, `${sshd.knownHostsLine}\n`);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  function transport(options: Partial<SshTransportOptions> = {}): SshTransport {
    const t = new SshTransport({
      host: sshd.host,
      port: sshd.port,
      username: 'root',
      privateKeyFile: sshd.clientKeyPath,
      knownHostsFile: knownHosts,
      ...options,
    });
    open.push(t);
    return t;
  }

  describe('host keys', () => {
    it('strict refuses a host known_hosts does not list, naming host, port and fingerprint', async () => {
      writeFileSync(knownHosts, '');
      await assert.rejects(transport().run('true'), (err: Error & Record<string, unknown>) => {
        assert.equal(err.code, 'SSH_HOST_UNKNOWN');
        assert.deepEqual(err.where, { file: knownHosts });
        assert.ok(err.message.includes(`${sshd.host} port ${sshd.port}`));
        assert.ok(err.message.includes(sshd.hostKeyFingerprint));
        return true;
      });
      assert.equal(readFileSync(knownHosts, 'utf8'), '');
    });

    it('is strict unless told otherwise', async () => {
      rmSync(knownHosts);
      await assert.rejects(transport().run('true'), { code: 'SSH_HOST_UNKNOWN' });
    });

    it('accept-new records an unknown host, then strict connects', async () => {
      rmSync(knownHosts);
      const first = await transport({ hostKeyChecking: 'accept-new' }).run('echo first');
      assert.equal(first.stdout, 'first\n');
      assert.equal(readFileSync(knownHosts, 'utf8'), `${sshd.knownHostsLine}\n`);
      const second = await transport({ hostKeyChecking: 'strict' }).run('echo second');
      assert.equal(second.stdout, 'second\n');
    });

    for (const checking of ['strict', 'accept-new'] as const) {
      it(`${checking} refuses a changed host key and keeps known_hosts as it was`, async () => {
        const other = await generateKeyPair(join(dir, 'other_host_key'));
        const [type, key] = other.publicKeyLine.split(' ');
        const recorded = `[${sshd.host}]:${sshd.port} ${type} ${key}\n`;
        writeFileSync(knownHosts, recorded);
        await assert.rejects(
          transport({ hostKeyChecking: checking }).run('true'),
          (err: Error & Record<string, unknown>) => {
            assert.equal(err.code, 'SSH_HOST_KEY_MISMATCH');
            assert.deepEqual(err.where, { file: knownHosts, line: 1 });
            assert.ok(err.message.includes(sshd.hostKeyFingerprint));
            return true;
          },
        );
        assert.equal(readFileSync(knownHosts, 'utf8'), recorded);
      });
    }

    it('accepts a hashed known_hosts entry', async () => {
      await run('ssh-keygen', ['-q', '-H', '-f', knownHosts]);
      assert.match(readFileSync(knownHosts, 'utf8'), /^\|1\|/);
      assert.equal((await transport().run('echo hashed')).stdout, 'hashed\n');
    });

    it('checks nothing with off, and needs a known_hosts file otherwise', async () => {
      rmSync(knownHosts);
      const result = await transport({ hostKeyChecking: 'off', knownHostsFile: undefined }).run(
        'echo off',
      );
      assert.equal(result.stdout, 'off\n');
      assert.throws(() => transport({ knownHostsFile: undefined }), {
        code: 'FLAG_INVALID',
        where: { field: 'knownHostsFile' },
      });
    });
  });

  describe('authentication and connection', () => {
    it('refuses a client key the server does not authorize', async () => {
      const stranger = await generateKeyPair(join(dir, 'stranger'));
      await assert.rejects(
        transport({ privateKeyFile: stranger.privateKeyPath }).run('true'),
        (err: Error & Record<string, unknown>) => {
          assert.equal(err.code, 'SSH_AUTH');
          assert.deepEqual(err.where, { file: stranger.privateKeyPath });
          assert.ok(err.message.includes(`${sshd.host} port ${sshd.port}`));
          return true;
        },
      );
    });

    it('logs in with an encrypted key and its passphrase, and names the key without it', async () => {
      const locked = await generateKeyPair(join(dir, 'locked'), { passphrase: 'open sesame' });
      sshd.authorize(locked.publicKeyLine);
      const ok = transport({ privateKeyFile: locked.privateKeyPath, passphrase: 'open sesame' });
      assert.equal((await ok.run('echo unlocked')).stdout, 'unlocked\n');
      for (const passphrase of [undefined, 'wrong']) {
        await assert.rejects(
          transport({ privateKeyFile: locked.privateKeyPath, passphrase }).run('true'),
          { code: 'SSH_AUTH', where: { file: locked.privateKeyPath } },
        );
      }
    });

    it('names a key file that cannot be read', async () => {
      const missing = join(dir, 'no-such-key');
      await assert.rejects(transport({ privateKeyFile: missing }).run('true'), {
        code: 'SSH_AUTH',
        where: { file: missing },
      });
    });

    it('logs in with a key held by ssh-agent', async () => {
      const agent = await startSshAgent([sshd.clientKeyPath]);
      try {
        const t = transport({ privateKeyFile: undefined, agentSocket: agent.socketPath });
        assert.equal((await t.run('echo agent')).stdout, 'agent\n');
      } finally {
        await agent.stop();
      }
    });

    it('refuses to start without a key file or an agent', async () => {
      await assert.rejects(transport({ privateKeyFile: undefined }).run('true'), {
        code: 'SSH_AUTH',
        where: { field: 'privateKeyFile' },
      });
    });

    it('reports a port nobody listens on as CONNECTION naming host and port', async () => {
      const port = await freePort(ADDRESS);
      await assert.rejects(
        transport({ port }).run('true'),
        (err: Error & Record<string, unknown>) => {
          assert.equal(err.code, 'CONNECTION');
          assert.ok(err.message.includes(`${ADDRESS} port ${port}`));
          return true;
        },
      );
    });
  });

  describe('run', () => {
    it('returns exit status, stdout and stderr, and feeds stdin', async () => {
      const t = transport();
      assert.deepEqual(await t.run('echo out; echo err >&2; exit 3'), {
        exitCode: 3,
        stdout: 'out\n',
        stderr: 'err\n',
      });
      assert.equal((await t.run('tr a-z A-Z', { stdin: 'shout' })).stdout, 'SHOUT');
      assert.equal((await t.run('cat | wc -c')).stdout.trim(), '0');
    });

    it('reports a command killed by a signal as 128 + its number', async () => {
      assert.equal((await transport().run('kill -TERM $$')).exitCode, 128 + 15);
    });

    it('uses one connection for every call, however many run at once', async () => {
      const t = transport();
      // More at once than sshd's 10 sessions per connection.
      const results = await Promise.all(
        Array.from({ length: 12 }, () => t.run('echo $SSH_CONNECTION')),
      );
      assert.ok(results.every((r) => r.exitCode === 0));
      assert.equal(new Set(results.map((r) => r.stdout)).size, 1);
      await t.readFile(join(dir, 'known_hosts'));
      assert.equal((await t.run('echo $SSH_CONNECTION')).stdout, results[0]!.stdout);
    });

    it('opens a new connection after close()', async () => {
      const t = transport();
      const before = (await t.run('echo $SSH_CONNECTION')).stdout;
      await t.close();
      const after = (await t.run('echo $SSH_CONNECTION')).stdout;
      assert.notEqual(after, before);
    });
  });

  describe('files over sftp', () => {
    const fixedNaming = {
      now: () => new Date('2024-05-01T12:00:00.000Z'),
      uniqueSuffix: () => 'a1b2c3',
    };

    it('reads a file, and names one that does not exist', async () => {
      const file = join(dir, 'read-me');
      writeFileSync(file, Buffer.from([0, 1, 2, 255]));
      const t = transport();
      assert.deepEqual(await t.readFile(file), Buffer.from([0, 1, 2, 255]));
      await assert.rejects(t.readFile(join(dir, 'absent')), {
        code: 'HOST_FILE',
        where: { file: join(dir, 'absent') },
      });
      await assert.rejects(t.readFile(dir), { code: 'HOST_FILE', where: { file: dir } });
    });

    it('refuses relative paths and ".."', async () => {
      const t = transport();
      await assert.rejects(t.readFile('etc/oned.conf'), {
        code: 'PATH_REFUSED',
        where: { file: 'etc/oned.conf' },
      });
      const climbing = `${dir}/../x`;
      await assert.rejects(t.writeFile(climbing, Buffer.from('x')), {
        code: 'PATH_REFUSED',
        where: { file: climbing },
      });
    });

    it('writes a new file 0644 into directories it creates, leaving no temporary file', async () => {
      const file = join(dir, 'new', 'deep', 'oned.conf');
      const result = await transport().writeFile(file, Buffer.from('PORT = 2633\n'));
      assert.deepEqual(result, {});
      assert.equal(readFileSync(file, 'utf8'), 'PORT = 2633\n');
      assert.equal(statSync(file).mode & 0o7777, 0o644);
      assert.deepEqual(readdirSync(join(dir, 'new', 'deep')), ['oned.conf']);
    });

    it('replaces a file after backing it up, keeping its mode and owner unless told', async () => {
      const file = join(dir, 'etc', 'oned.conf');
      const backups = join(dir, 'backups', 'serversync');
      mkdirSync(join(dir, 'etc'));
      writeFileSync(file, 'old\n', { mode: 0o640 });
      await run('chown', ['1234:5678', file]);
      const result = await transport(fixedNaming).writeFile(file, Buffer.from('new\n'), {
        backupDir: backups,
      });
      const backup = join(backups, 'oned.conf.20240501T120000Z.a1b2c3');
      assert.deepEqual(result, { backup });
      assert.equal(readFileSync(file, 'utf8'), 'new\n');
      assert.equal(readFileSync(backup, 'utf8'), 'old\n');
      for (const path of [file, backup]) {
        const st = statSync(path);
        assert.deepEqual([st.mode & 0o7777, st.uid, st.gid], [0o640, 1234, 5678], path);
      }
      assert.equal(statSync(backups).mode & 0o777, 0o700);
      assert.deepEqual(readdirSync(join(dir, 'etc')), ['oned.conf']);
    });

    it('applies the mode and owner it is given', async () => {
      const file = join(dir, 'one_auth');
      writeFileSync(file, 'old', { mode: 0o644 });
      await transport().writeFile(file, Buffer.from('oneadmin:secret'), {
        mode: 0o600,
        uid: 4321,
      });
      const st = statSync(file);
      assert.deepEqual([st.mode & 0o7777, st.uid, st.gid], [0o600, 4321, 0]);
      await transport().writeFile(file, Buffer.from('x'), { gid: 99 });
      assert.deepEqual([statSync(file).uid, statSync(file).gid], [4321, 99]);
    });

    it('gives two backups of one name in one second different names', async () => {
      const file = join(dir, 'conf');
      writeFileSync(file, 'v1');
      let n = 0;
      const t = transport({ now: fixedNaming.now, uniqueSuffix: () => `s${n++ % 2}` });
      const backups = join(dir, 'b');
      const first = await t.writeFile(file, Buffer.from('v2'), { backupDir: backups });
      const second = await t.writeFile(file, Buffer.from('v3'), { backupDir: backups });
      assert.notEqual(first.backup, second.backup);
      assert.equal(readFileSync(first.backup!, 'utf8'), 'v1');
      assert.equal(readFileSync(second.backup!, 'utf8'), 'v2');
    });

    it('backs up a symbolic link as a link, and replaces the link, not its target', async () => {
      const target = join(dir, 'target');
      const link = join(dir, 'link');
      writeFileSync(target, 'target');
      symlinkSync('target', link);
      const backups = join(dir, 'b');
      const { backup } = await transport().writeFile(link, Buffer.from('file now'), {
        backupDir: backups,
      });
      assert.equal(readlinkSync(backup!), 'target');
      assert.ok(lstatSync(link).isFile());
      assert.equal(readFileSync(target, 'utf8'), 'target');
    });

    it('refuses to replace a directory', async () => {
      mkdirSync(join(dir, 'sub'));
      await assert.rejects(transport().writeFile(join(dir, 'sub'), Buffer.from('x')), {
        code: 'HOST_FILE',
        where: { file: join(dir, 'sub') },
      });
    });

    it('never shows a reader a partly written file', async () => {
      const file = join(dir, 'big');
      const versions = ['a', 'b', 'c', 'd'].map((c) => Buffer.alloc(2 * 1024 * 1024, c));
      writeFileSync(file, versions[0]!);
      const t = transport();
      let writing = true;
      const writes = (async () => {
        for (const content of versions.slice(1)) await t.writeFile(file, content);
        writing = false;
      })();
      let reads = 0;
      while (writing) {
        const seen = readFileSync(file);
        assert.ok(
          versions.some((v) => v.equals(seen)),
          `a reader saw ${seen.length} bytes that are no version`,
        );
        reads++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await writes;
      assert.ok(reads > 0);
      assert.ok(readFileSync(file).equals(versions[3]!));
    });

    it('removes a file after backing it up; a missing file is already removed', async () => {
      const file = join(dir, 'gone');
      writeFileSync(file, 'bye', { mode: 0o600 });
      const t = transport(fixedNaming);
      const backups = join(dir, 'b');
      const { backup } = await t.removeFile(file, { backupDir: backups });
      assert.equal(backup, join(backups, 'gone.20240501T120000Z.a1b2c3'));
      assert.throws(() => statSync(file), { code: 'ENOENT' });
      assert.equal(readFileSync(backup!, 'utf8'), 'bye');
      assert.equal(statSync(backup!).mode & 0o777, 0o600);
      assert.deepEqual(await t.removeFile(file, { backupDir: backups }), {});
      assert.deepEqual(await t.removeFile(join(dir, 'known_hosts')), {});
    });
  });

  describe("the agent's one-shot mode", () => {
    let root: AgentRoot;
    before(async () => {
      root = await AgentRoot.create({ host: ADDRESS });
    });
    after(async () => {
      await root?.remove();
    });

    it('answers paths, versions, inventories and services on the one connection', async () => {
      const t = transport({ agentCommand: agentOnceCommand(root) });
      assert.equal((await t.paths()).etc, root.paths.etc);
      assert.equal((await t.versions()).os.platform, 'linux');
      writeFileSync(join(root.paths.etc, 'oned.conf'), 'PORT = 2633\n');
      const files = await t.listFiles(root.paths.etc);
      assert.ok(files.some((f) => f.path === 'oned.conf' && f.kind === 'file'));
      const status = await t.service('status', TEST_SERVICE);
      assert.deepEqual([status.service, status.action], [TEST_SERVICE, 'status']);
    });

    it("passes the agent's refusals on with their code and location", async () => {
      const t = transport({ agentCommand: agentOnceCommand(root) });
      await assert.rejects(t.listFiles('/usr'), { code: 'PATH_REFUSED', where: { file: '/usr' } });
    });

    it('reports a one-shot command that does not run as HOST_COMMAND', async () => {
      const t = transport({ agentCommand: 'no-such-onekit-agent once' });
      await assert.rejects(t.paths(), (err: Error & Record<string, unknown>) => {
        assert.equal(err.code, 'HOST_COMMAND');
        assert.deepEqual(err.where, { field: 'agentCommand' });
        assert.match(err.message, /127/);
        return true;
      });
    });

    it('reports an answer that is not a response as AGENT_RESPONSE', async () => {
      const t = transport({ agentCommand: 'echo not json' });
      await assert.rejects(t.paths(), { code: 'AGENT_RESPONSE' });
    });
  });
});
