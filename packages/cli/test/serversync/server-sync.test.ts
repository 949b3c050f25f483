import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from '@onekit/core';
import { testIO } from '../../src/io/index.js';
import { scriptedPrompter } from '../../src/prompt/index.js';
import {
  listBackups,
  parseManifest,
  runRollback,
  runServerSync,
  type ServerSyncOptions,
  type ServerSyncResult,
} from '../../src/serversync/index.js';
import type { HostTransport } from '../../src/transport/index.js';
import { SshTransport } from '../../src/transport/ssh-transport.js';
import { agentBin } from '../../../agent/test/support/agent-root.js';
import { until } from '../../../agent/test/support/until.js';
import { shellCommand, startSshd, type ScratchSshd } from '../../../../test/support/sshd.js';
import { dbPassword, Frontend } from './frontends.js';

// Serversync between simulated front-ends, each a ONE_LOCATION root with its own agent on
// 127.0.0.2-4: "this host" through the local transport, the other server through its agent.

const pausedSync = fileURLToPath(new URL('./fixtures/paused-sync.ts', import.meta.url));
const clock = () => new Date();

/** Synced files as they stand, without the per-host agent config. */
const synced = (f: Frontend) => {
  const { ['onekit-agent.yaml']: _agent, ['sunstone-server.conf']: _other, ...rest } = f.snapshot();
  return rest;
};

describe('serversync/server-sync (simulated front-ends and real agents)', function () {
  this.timeout(60_000);
  let fe1: Frontend;
  let fe2: Frontend;
  let fe3: Frontend;
  const open: HostTransport[] = [];

  beforeEach(async () => {
    [fe1, fe2, fe3] = await Promise.all([
      Frontend.create({ host: '127.0.0.2', serverId: 0, zoneId: 0 }),
      Frontend.create({ host: '127.0.0.3', serverId: 1, zoneId: 0 }),
      Frontend.create({ host: '127.0.0.4', serverId: 2, zoneId: 0 }),
    ]);
    await Promise.all([fe1.startAgent(), fe2.startAgent(), fe3.startAgent()]);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    await Promise.all([fe1, fe2, fe3].map((f) => f?.remove()));
  });

  async function sync(
    here: Frontend,
    there: Frontend | HostTransport,
    o: Partial<ServerSyncOptions> = {},
  ): Promise<ServerSyncResult> {
    const local = await here.local();
    const remote = there instanceof Frontend ? there.remote() : there;
    open.push(local, remote);
    return runServerSync({
      io: testIO(),
      prompter: scriptedPrompter({}),
      local,
      remote,
      mode: 'sync',
      release: '7',
      keepHa: false,
      delete: false,
      yes: true,
      clock,
      rng: Math.random,
      showPlan: () => assert.fail('no plan is shown with --yes'),
      ...o,
    });
  }

  const statuses = (result: ServerSyncResult) =>
    Object.fromEntries(
      result.plan.files
        .filter((f) => f.action !== 'none')
        .map((f) => [f.path, `${f.status.join(',')} ${f.action}`]),
    );

  /** fe2 after an administrator changed it: the changes a sync must carry to fe1. */
  function editFe2(): void {
    fe2.write('monitord.conf', 'NETWORK = [ ADDRESS = "0.0.0.0", PORT = 4200 ]\n', 0o640);
    fe2.write(
      'oneflow-server.conf',
      ':one_xmlrpc: http://localhost:2633/RPC2\n:port: 2475\n',
      0o640,
    );
    fe2.write('auth/new_auth.conf', ':token: 0123456789abcdef0123456789abcdef\n', 0o600);
    fe2.chmod('vmm_exec/vmm_exec_kvm.conf', 0o600);
    fe2.write(
      'oned.conf',
      fe2
        .read('oned.conf')
        .replace(dbPassword, 'new-DB-secret')
        .replace('DEBUG_LEVEL = 3', 'DEBUG_LEVEL = 1'),
      0o640,
    );
    fe1.write('hm/local-only.rb', 'puts "mine"\n', 0o755);
  }

  it('finds servers in sync when only their identities differ', async () => {
    for (const [here, there] of [
      [fe1, fe2],
      [fe2, fe3],
      [fe3, fe1],
    ] as const) {
      const result = await sync(here, there, { mode: 'diff' });
      assert.equal(result.kind, 'preview');
      assert.equal(result.plan.inSync, true, JSON.stringify(statuses(result)));
      assert.ok(result.kind === 'preview' && result.diffs?.length === 0);
    }
  });

  it('reports edited, added and removed files and mode changes, with redacted diffs', async () => {
    editFe2();
    const result = await sync(fe1, fe2, { mode: 'diff' });
    assert.equal(result.kind, 'preview');
    assert.deepEqual(statuses(result), {
      'oned.conf': 'differs write',
      'monitord.conf': 'differs write',
      'oneflow-server.conf': 'differs write',
      'auth/new_auth.conf': 'only-there write',
      'hm/local-only.rb': 'only-here keep',
      'vmm_exec/vmm_exec_kvm.conf': 'mode-differs write',
    });
    assert.deepEqual(result.plan.services, ['opennebula', 'opennebula-flow']);
    const diffs = Object.fromEntries((result.diffs ?? []).map((d) => [d.path, d.diff]));
    assert.deepEqual(Object.keys(diffs), [
      'oned.conf',
      'monitord.conf',
      'oneflow-server.conf',
      'auth/new_auth.conf',
      'vmm_exec/vmm_exec_kvm.conf',
    ]);
    // oned.conf: what would be written, this host's identity kept, the password hidden.
    assert.match(diffs['oned.conf']!, /^-\s+PASSWD\s+= "<redacted>" \]$/m);
    assert.match(diffs['oned.conf']!, /^\+\s+PASSWD\s+= "<redacted>" \]$/m);
    assert.match(diffs['oned.conf']!, /^-\s+DEBUG_LEVEL = 3$/m);
    assert.doesNotMatch(diffs['oned.conf']!, /^[-+]\s*(SERVER_ID|LISTEN_ADDRESS)/m);
    assert.match(diffs['auth/new_auth.conf']!, /^\+:token: <redacted>$/m);
    assert.match(diffs['vmm_exec/vmm_exec_kvm.conf']!, /^old mode 0644\nnew mode 0600\n/);
    const everything = JSON.stringify(result);
    for (const secret of [
      dbPassword,
      'new-DB-secret',
      '0123456789abcdef0123456789abcdef',
      'ldap-Secret-7',
    ]) {
      assert.ok(!everything.includes(secret), secret);
    }
  });

  it('makes the trees equal but for node-local keys, and restarts only what changed', async () => {
    editFe2();
    await fe1.startServices();
    const before = fe1.servicePids();
    const result = await sync(fe1, fe2);
    assert.equal(result.kind, 'sync');
    const outcome = result.kind === 'sync' ? result.sync : undefined;
    assert.ok(outcome);

    const here = synced(fe1);
    const there = synced(fe2);
    delete here['hm/local-only.rb'];
    assert.deepEqual(Object.keys(here), Object.keys(there));
    for (const path of Object.keys(there)) {
      if (path !== 'oned.conf') assert.equal(here[path], there[path], path);
    }
    const conf = parseTemplate(fe1.read('oned.conf'));
    assert.equal(conf.get('LISTEN_ADDRESS'), '127.0.0.2');
    assert.equal(
      conf.getVector('FEDERATION')?.pairs.find((p) => p.key === 'SERVER_ID')?.value,
      '0',
    );
    assert.equal(conf.getVector('LOG')?.pairs.find((p) => p.key === 'DEBUG_LEVEL')?.value, '1');
    assert.equal(
      conf.getVector('DB')?.pairs.find((p) => p.key === 'PASSWD')?.value,
      'new-DB-secret',
    );
    assert.equal(fe1.read('hm/local-only.rb'), 'puts "mine"\n', 'extra local files survive');

    // Only the services of the changed files were try-restarted.
    const after = fe1.servicePids();
    assert.notEqual(after['opennebula'], before['opennebula']);
    assert.notEqual(after['opennebula-flow'], before['opennebula-flow']);
    assert.equal(after['opennebula-gate'], before['opennebula-gate']);
    assert.deepEqual(
      outcome.manifest.restarted?.map((r) => [r.service, r.active]),
      [
        ['opennebula', true],
        ['opennebula-flow', true],
      ],
    );
    const again = await sync(fe1, fe2, { mode: 'dry-run' });
    assert.equal(again.plan.inSync, true, JSON.stringify(statuses(again)));
  });

  it('backs up what it replaces and removes, and rolls back to the exact previous state', async () => {
    editFe2();
    fe2.chown('schedulers/rank.conf', 1000, 1000);
    const previous = fe1.snapshot();
    const result = await sync(fe1, fe2, { delete: true });
    assert.ok(result.kind === 'sync' && result.sync);
    const { id, dir } = result.sync;
    assert.equal(dir, join(fe1.root.paths.var, 'backups', 'serversync', id));
    assert.ok(!existsSync(join(fe1.etc, 'hm/local-only.rb')), '--delete removed it');
    assert.match(synced(fe1)['schedulers/rank.conf']!, /^644 1000:1000 /);

    const manifest = parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), 'manifest');
    assert.equal(manifest.state, 'complete');
    assert.equal(manifest.server, '127.0.0.3');
    assert.deepEqual(
      manifest.files.map((f) => `${f.action} ${f.path} ${f.state}`),
      [
        'replace oned.conf done',
        'replace monitord.conf done',
        'replace oneflow-server.conf done',
        'add auth/new_auth.conf done',
        'remove hm/local-only.rb done',
        'replace vmm_exec/vmm_exec_kvm.conf done',
        'replace schedulers/rank.conf done',
      ],
    );
    assert.equal(readFileSync(join(dir, 'files/hm/local-only.rb'), 'utf8'), 'puts "mine"\n');
    assert.equal(statMode(join(dir, 'files/oned.conf')), 0o600);

    const local = await fe1.local();
    open.push(local);
    assert.deepEqual(
      (await listBackups(local)).map((b) => [b.id, b.server, b.state, b.changed]),
      [[id, '127.0.0.3', 'complete', 7]],
    );
    const rollback = await runRollback({ local, id, clock });
    assert.equal(rollback.steps.length, 7);
    assert.deepEqual(fe1.snapshot(), previous);
    assert.equal((await listBackups(local))[0]!.state, 'rolled-back');
    await assert.rejects(runRollback({ local, id, clock }), {
      code: 'FLAG_INVALID',
      where: { field: 'rollback' },
    });
    await assert.rejects(runRollback({ local, id: '20260101T000000Z-abcdef', clock }), {
      code: 'FLAG_INVALID',
      where: { field: 'rollback' },
    });
  });

  it('leaves every file old or new when killed mid-sync, and rolls back from there', async () => {
    editFe2();
    const previous = fe1.snapshot();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx/esm',
        pausedSync,
        fe1.root.dir,
        fe2.host,
        String(fe2.root.port),
        fe2.agent!.token,
      ],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await until(() => output.includes('paused after oned.conf'), {
      withinMs: 30_000,
      what: `the pause (${output})`,
    });
    child.kill('SIGKILL');
    await exited;

    // oned.conf is new, everything else still old; nothing half-written anywhere.
    const now = fe1.snapshot();
    assert.notEqual(now['oned.conf'], previous['oned.conf']);
    assert.match(fe1.read('oned.conf'), /DEBUG_LEVEL = 1/);
    for (const path of Object.keys(previous)) {
      if (path !== 'oned.conf') assert.equal(now[path], previous[path], path);
    }
    assert.deepEqual(
      Object.keys(now).filter((p) => p.endsWith('.tmp')),
      [],
    );

    const local = await fe1.local();
    open.push(local);
    const [backup] = await listBackups(local);
    assert.ok(backup);
    assert.equal(backup.state, 'running');
    assert.deepEqual([backup.changed, backup.planned], [1, 5]);
    await runRollback({ local, id: backup.id, clock });
    assert.deepEqual(fe1.snapshot(), previous);
  });

  it('syncs three servers from one', async () => {
    editFe2();
    await sync(fe1, fe2);
    await sync(fe3, fe1);
    for (const f of [fe1, fe3]) {
      const result = await sync(f, fe2, { mode: 'dry-run' });
      assert.equal(result.plan.inSync, true, `${f.host}: ${JSON.stringify(statuses(result))}`);
    }
    assert.match(fe3.read('oned.conf'), /SERVER_ID\s+= 2,/);
    assert.match(fe3.read('oned.conf'), /LISTEN_ADDRESS = "127.0.0.4"/);
    assert.equal(fe3.read('monitord.conf'), fe2.read('monitord.conf'));
  });

  it('refuses servers of another zone, and this host itself', async () => {
    fe3.write('oned.conf', fe3.read('oned.conf').replace(/ZONE_ID\s+= 0/, 'ZONE_ID = 101'), 0o640);
    await assert.rejects(sync(fe1, fe3), {
      code: 'SERVERSYNC_REFUSED',
      where: { field: 'server' },
    });
    const preview = await sync(fe1, fe3, { mode: 'dry-run' });
    assert.deepEqual(preview.plan.zones, { here: 0, there: 101 });
    assert.match(preview.plan.refusal ?? '', /zone 101/);

    await assert.rejects(sync(fe1, fe1.remote(), { mode: 'dry-run' }), {
      code: 'SERVERSYNC_REFUSED',
      where: { field: 'server' },
    });
    assert.deepEqual(readdirSync(join(fe1.root.paths.var, 'backups', 'serversync')), []);
  });
});

describe('serversync/server-sync over SSH (a real sshd)', function () {
  this.timeout(60_000);
  let sshd: ScratchSshd;
  let fe1: Frontend;
  let fe2: Frontend;
  let dir: string;
  const open: HostTransport[] = [];

  before(async () => {
    sshd = await startSshd({ address: '127.0.0.3' });
    [fe1, fe2] = await Promise.all([
      Frontend.create({ host: '127.0.0.2', serverId: 0, zoneId: 0 }),
      Frontend.create({ host: '127.0.0.3', serverId: 1, zoneId: 0 }),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'serversync-ssh-'));
    writeFileSync(join(dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
  });
  after(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    await Promise.all([fe1?.remove(), fe2?.remove(), sshd?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews and syncs from a server reached over SSH', async () => {
    fe2.write('onegate-server.conf', ':host: 127.0.0.1\n:port: 5031\n', 0o640);
    const local = await fe1.local();
    // The other server: files through sftp, inventories through its agent's one-shot mode.
    const remote = new SshTransport({
      host: sshd.host,
      port: sshd.port,
      username: 'root',
      privateKeyFile: sshd.clientKeyPath,
      knownHostsFile: join(dir, 'known_hosts'),
      agentCommand: shellCommand([process.execPath, agentBin, 'once'], { env: fe2.root.env }),
    });
    open.push(local, remote);
    const options: ServerSyncOptions = {
      io: testIO(),
      prompter: scriptedPrompter({}),
      local,
      remote,
      mode: 'diff',
      release: '7',
      keepHa: false,
      delete: false,
      yes: true,
      clock,
      rng: Math.random,
      showPlan: () => undefined,
    };
    const preview = await runServerSync(options);
    assert.ok(preview.kind === 'preview');
    assert.deepEqual(
      preview.plan.files.filter((f) => f.action !== 'none').map((f) => f.path),
      ['onegate-server.conf'],
    );
    assert.match(preview.diffs?.[0]?.diff ?? '', /^-:port: 5030\n\+:port: 5031$/m);
    const result = await runServerSync({ ...options, mode: 'sync' });
    assert.ok(result.kind === 'sync' && result.sync);
    assert.equal(fe1.read('onegate-server.conf'), fe2.read('onegate-server.conf'));
    assert.equal((await runServerSync({ ...options, mode: 'dry-run' })).plan.inSync, true);
  });
});

function statMode(file: string): number {
  return statSync(file).mode & 0o777;
}
