// `onekit lab up --zones 2 --servers 2` as a user runs it (real agents and daemons on a
// loopback /24 of their own), then `status`, a rerun of `up` (nothing to do, the same
// processes), and `down`, after which none of the processes the lab recorded runs.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { runBin, type BinResult } from '../process/run-bin.js';
import { eventually } from '../zone/ha-fixture.js';
import type { LabStatus } from '../../src/lab/index.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('lab/up, status, down (processes)', function () {
  this.timeout(150_000);
  let scratch: string;
  let dir: string;
  // A /24 of its own, so that the lab's fixed ports meet no other test's daemons.
  const address = `127.0.${100 + Math.floor(Math.random() * 150)}.1`;
  const up = ['lab', 'up', '--zones', '2', '--servers', '2', '--address', address];
  let pids: number[] = [];

  const onekit = (args: readonly string[]): Promise<BinResult> =>
    runBin('onekit', [...args, '--dir', dir], { env: { HOME: scratch }, cwd: scratch });
  const status = async (): Promise<LabStatus> => {
    const run = await onekit(['lab', 'status', '--json']);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as LabStatus;
  };

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'onekit-lab-'));
    dir = join(scratch, 'lab');
  });
  after(async () => {
    if (existsSync(dir)) await onekit(['lab', 'down']);
    for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('builds a master and a slave zone that share the federation log', async () => {
    const run = await onekit([...up, '--wait-timeout', '60']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^export ONE_XMLRPC=http://${address}:2633/RPC2$`, 'm'));
    assert.match(run.stderr, /fed-join\s+done/);
    const lab = await status();
    // Each zone: one leader and one follower (the second server joined by ha-add, in its
    // zone's federation role), every server at the master's FED_INDEX.
    assert.deepEqual(
      lab.hosts.map((h) => [h.name, h.zoneName]),
      [
        ['z0-s0', 'OpenNebula'],
        ['z0-s1', 'OpenNebula'],
        ['z1-s0', 'zone-1'],
        ['z1-s1', 'zone-1'],
      ],
    );
    for (const zone of ['OpenNebula', 'zone-1']) {
      const states = lab.hosts.filter((h) => h.zoneName === zone).map((h) => h.raft);
      assert.deepEqual(states.sort(), ['follower', 'leader'], `${zone}: ${states.join(', ')}`);
    }
    assert.notEqual(lab.hosts[0]!.fedIndex, '-');
    // The last server-add reaches the other zone through the federation log a moment later.
    await eventually('the same FED_INDEX on every server', async () => {
      const hosts = (await status()).hosts;
      return hosts.every((h) => h.fedIndex === hosts[0]!.fedIndex) ? true : undefined;
    });
    pids = lab.hosts.flatMap((h) => [h.agentPid!, h.daemonPid!]);
    assert.ok(
      pids.every((p) => Number.isInteger(p) && alive(p)),
      JSON.stringify(lab.hosts),
    );
  });

  it('shows the hosts as a table', async () => {
    const run = await onekit(['lab', 'status']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^HOST\s+ZONE\s+SERVER\s+ENDPOINT\s+AGENT\s+DAEMON\s+RAFT\s+TERM\s+FED_INDEX$/m,
    );
    assert.match(run.stdout, /^z1-s0\s+zone-1\s+0\s/m);
  });

  it('continues a finished lab without running a wizard again', async () => {
    const run = await onekit([...up]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /fed-master\s+already-done/);
    assert.match(run.stderr, /fed-join\s+already-done/);
    assert.deepEqual(
      (await status()).hosts.flatMap((h) => [h.agentPid, h.daemonPid]),
      pids,
      'the same processes',
    );
  });

  it('refuses other answers for the same directory', async () => {
    const run = await onekit(['lab', 'up', '--zones', '3', '--address', address, '--json']);
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, /FLAG_INVALID/);
  });

  it('stops every process it started, and --purge removes the lab', async () => {
    const down = await onekit(['lab', 'down']);
    assert.equal(down.status, 0, down.stderr);
    await eventually('every lab process has ended', async () =>
      pids.some(alive) ? undefined : true,
    );
    const lab = await status();
    assert.ok(lab.hosts.every((h) => h.agentPid === null && h.daemonPid === null));
    const purge = await onekit(['lab', 'down', '--purge']);
    assert.equal(purge.status, 0, purge.stderr);
    assert.equal(existsSync(dir), false);
  });
});
