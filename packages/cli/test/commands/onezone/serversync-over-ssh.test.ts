// `onezone serversync --transport ssh HOST:PORT` as a user runs it: the other server has
// an sshd of its own on a port other than 22, whose sessions find `onekit-agent` on PATH
// and the server's ONE_LOCATION, as a production host's do.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScratchSshd } from '../../../../../test/support/sshd.js';
import { startHostSshd } from '../../ha-wizard/lab-access.js';
import { runBin } from '../../process/run-bin.js';
import { Frontend } from '../../serversync/frontends.js';

describe('commands/onezone/serversync over SSH (a real sshd)', function () {
  this.timeout(60_000);
  let fe1: Frontend;
  let fe2: Frontend;
  let sshd: ScratchSshd;
  let dir: string;

  before(async () => {
    [fe1, fe2] = await Promise.all([
      Frontend.create({ host: '127.0.0.2', serverId: 0, zoneId: 0 }),
      Frontend.create({ host: '127.0.0.3', serverId: 1, zoneId: 0 }),
    ]);
    sshd = await startHostSshd(fe2.root);
    dir = mkdtempSync(join(tmpdir(), 'serversync-ssh-cmd-'));
    writeFileSync(join(dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
  });
  after(async () => {
    await Promise.all([fe1?.remove(), fe2?.remove(), sshd?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const serversync = (server: string, args: string[] = []) =>
    runBin(
      'onezone',
      [
        'serversync',
        server,
        '--transport',
        'ssh',
        '--ssh-user',
        'root',
        '--ssh-key',
        sshd.clientKeyPath,
        '--known-hosts',
        join(dir, 'known_hosts'),
        ...args,
      ],
      { env: { ONE_LOCATION: fe1.root.dir } },
    );

  it('compares with a server named HOST:PORT and names it so', async () => {
    const spec = `${sshd.host}:${sshd.port}`;
    fe2.write('onegate-server.conf', ':host: 127.0.0.1\n:port: 5031\n', 0o640);
    const run = await serversync(spec, ['--diff']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`^Comparing this host with ${spec}$`, 'm'));
    assert.match(run.stdout, /^differs +replace +onegate-server\.conf$/m);
    assert.ok(run.stdout.includes(`${spec}:${fe2.etc}/onegate-server.conf`), run.stdout);
  });

  it('refuses a bad port naming the server argument, exit 2 in --dry-run', async () => {
    for (const server of [`${sshd.host}:65536`, ':22']) {
      const run = await serversync(server, ['--dry-run', '--json']);
      assert.equal(run.status, 2, `${server}: ${run.stderr}`);
      const { error } = JSON.parse(run.stderr) as { error: { code: string; where: object } };
      assert.equal(error.code, 'FLAG_INVALID', server);
      assert.deepEqual(error.where, { field: 'server' });
    }
  });
});
