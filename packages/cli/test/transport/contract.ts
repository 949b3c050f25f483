// The behaviour every HostTransport owes its callers, written once and run against each
// transport (agent, local, ssh). A host is a temporary ONE_LOCATION root on this machine
// (AgentRoot: an etc/ tree, an onekit-agent.yaml with the supervisor and a test service,
// a stand-in `onedb` in <root>/bin); `makeTransport` reaches it however the transport
// does. Effects are checked on the file system directly, so no transport vouches for
// itself.
import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AgentRoot, TEST_SERVICE } from '../../../agent/test/support/agent-root.js';
import type { HostTransport } from '../../src/transport/index.js';

export type MakeTransport = (host: AgentRoot) => Promise<HostTransport>;

export interface ContractOptions {
  /** The loopback address the host's agent listens on (default 127.0.0.2). */
  readonly address?: string;
}

const sha256 = async (text: string) =>
  (await import('node:crypto')).createHash('sha256').update(text).digest('hex');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function describeHostTransportContract(
  name: string,
  makeTransport: MakeTransport,
  options: ContractOptions = {},
): void {
  describe(`HostTransport contract: ${name}`, () => {
    let host: AgentRoot;
    let transport: HostTransport;
    let etc: string;
    let backupDir: string;

    before(async () => {
      host = await AgentRoot.create({ host: options.address ?? '127.0.0.2' });
      transport = await makeTransport(host);
      etc = host.paths.etc;
      backupDir = path.join(host.paths.var, 'backups', 'serversync', 'contract');
    });
    after(async () => {
      await transport?.close();
      await host?.remove();
    });

    it('reports the host layout', async () => {
      assert.deepEqual(await transport.paths(), {
        etc: host.paths.etc,
        var: host.paths.var,
        log: host.paths.log,
        remotes: host.paths.remotes,
      });
    });

    it('lists every file below a root, sorted, with hashes; links are not followed', async () => {
      const root = path.join(etc, 'list');
      await mkdir(path.join(root, 'sub'), { recursive: true });
      await writeFile(path.join(root, 'b.conf'), 'B');
      await writeFile(path.join(root, 'sub', 'a.conf'), 'A', { mode: 0o640 });
      await chmod(path.join(root, 'sub', 'a.conf'), 0o640);
      await symlink('/etc/hostname', path.join(root, 'link'));
      const files = await transport.listFiles(root);
      assert.deepEqual(
        files.map((f) => [f.path, f.kind, f.size, f.sha256, f.target]),
        [
          ['b.conf', 'file', 1, await sha256('B'), undefined],
          [
            'link',
            'symlink',
            '/etc/hostname'.length,
            await sha256('/etc/hostname'),
            '/etc/hostname',
          ],
          ['sub/a.conf', 'file', 1, await sha256('A'), undefined],
        ],
      );
      const a = files.find((f) => f.path === 'sub/a.conf')!;
      assert.equal(a.mode, 0o640);
      assert.equal(a.uid, process.getuid!());
    });

    it('reads any bytes', async () => {
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      await writeFile(path.join(etc, 'bytes.bin'), bytes);
      assert.deepEqual(await transport.readFile(path.join(etc, 'bytes.bin')), bytes);
    });

    it('says which file is missing', async () => {
      const missing = path.join(etc, 'no-such.conf');
      await assert.rejects(transport.readFile(missing), {
        code: 'HOST_FILE',
        where: { file: missing },
      });
    });

    it('writes a new file 0644, creating its directories', async () => {
      const file = path.join(etc, 'new', 'deep', 'x.conf');
      assert.deepEqual(await transport.writeFile(file, Buffer.from('X=1\n'), { backupDir }), {});
      assert.equal(await readFile(file, 'utf8'), 'X=1\n');
      assert.equal((await stat(file)).mode & 0o7777, 0o644);
    });

    it('replaces a file keeping its mode, after copying it into the backup directory', async () => {
      const dir = path.join(etc, 'replace');
      await mkdir(dir);
      const file = path.join(dir, 'oned.conf');
      await writeFile(file, 'OLD\n');
      await chmod(file, 0o640);
      const { backup } = await transport.writeFile(file, Buffer.from('NEW\n'), { backupDir });
      assert.ok(backup, 'a backup path');
      assert.equal(path.dirname(backup), backupDir);
      assert.equal(await readFile(backup, 'utf8'), 'OLD\n');
      assert.equal(await readFile(file, 'utf8'), 'NEW\n');
      assert.equal((await stat(file)).mode & 0o7777, 0o640);
      assert.deepEqual(await readdir(dir), ['oned.conf'], 'no temporary file is left behind');
      assert.deepEqual(
        await transport.writeFile(file, Buffer.from('NEWER\n')),
        {},
        'no backup asked',
      );
    });

    it('sets the mode and owner it is given', async () => {
      const file = path.join(etc, 'owned.conf');
      await transport.writeFile(file, Buffer.from('x'), { mode: 0o600, uid: 1234, gid: 4321 });
      const st = await stat(file);
      assert.deepEqual([st.mode & 0o7777, st.uid, st.gid], [0o600, 1234, 4321]);
    });

    it('removes a file after backing it up; removing a missing file does nothing', async () => {
      const file = path.join(etc, 'gone.conf');
      await writeFile(file, 'bye');
      const { backup } = await transport.removeFile(file, { backupDir });
      assert.equal(await readFile(backup!, 'utf8'), 'bye');
      await assert.rejects(lstat(file), { code: 'ENOENT' });
      assert.deepEqual(await transport.removeFile(file, { backupDir }), {});
    });

    it('starts, restarts and stops a service, reporting whether it runs', async () => {
      const result = (action: Parameters<HostTransport['service']>[0], active: boolean) => ({
        service: TEST_SERVICE,
        action,
        active,
        manager: 'supervisor',
      });
      try {
        assert.deepEqual(await transport.service('status', TEST_SERVICE), result('status', false));
        assert.deepEqual(
          await transport.service('try-restart', TEST_SERVICE),
          result('try-restart', false),
        );
        assert.deepEqual(await transport.service('start', TEST_SERVICE), result('start', true));
        const first = host.servicePid(TEST_SERVICE)!;
        assert.ok(isAlive(first));
        assert.deepEqual(
          await transport.service('try-restart', TEST_SERVICE),
          result('try-restart', true),
        );
        const second = host.servicePid(TEST_SERVICE)!;
        assert.notEqual(second, first);
        assert.deepEqual(await transport.service('restart', TEST_SERVICE), result('restart', true));
        assert.notEqual(host.servicePid(TEST_SERVICE), second);
        assert.deepEqual(await transport.service('status', TEST_SERVICE), result('status', true));
      } finally {
        assert.deepEqual(await transport.service('stop', TEST_SERVICE), result('stop', false));
      }
      assert.equal(host.servicePid(TEST_SERVICE), undefined);
      await assert.rejects(transport.service('start', 'sshd'), {
        code: 'SERVICE_ACTION',
        where: { field: 'sshd' },
      });
    });

    it('reports the OneKit release, the OS and the database schema', async () => {
      const manifest = JSON.parse(
        await readFile(new URL('../../../agent/package.json', import.meta.url), 'utf8'),
      ) as { version: string };
      const before = await transport.versions();
      assert.equal(before.onekit, manifest.version);
      assert.equal(before.os.platform, process.platform);
      assert.equal(before.schema, undefined);
      const db = new Database(host.paths.sqliteDb);
      db.exec('CREATE TABLE db_versioning (oid INTEGER PRIMARY KEY, version VARCHAR(256))');
      db.exec('CREATE TABLE local_db_versioning (oid INTEGER PRIMARY KEY, version VARCHAR(256))');
      db.exec("INSERT INTO db_versioning VALUES (0, '7.6.0')");
      db.exec("INSERT INTO local_db_versioning VALUES (0, '7.4.0')");
      db.close();
      assert.deepEqual((await transport.versions()).schema, { shared: '7.6.0', local: '7.4.0' });
    });

    it("backs up and restores the database through the host's onedb", async () => {
      const { file } = await transport.backupDatabase(['--federated']);
      assert.equal(file, path.join(host.paths.var, 'one.db_test.bck'));
      assert.equal(await readFile(file, 'utf8'), JSON.stringify(['--federated']));
      await transport.restoreDatabase(file, ['--federated']);
      assert.equal(
        await readFile(path.join(host.paths.var, 'onedb-restore.log'), 'utf8'),
        `${JSON.stringify(['-f', '--federated', file])}\n`,
      );
      await assert.rejects(transport.backupDatabase(['--fail']), { code: 'HOST_COMMAND' });
    });
  });
}
