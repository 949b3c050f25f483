// RAFT_FOLLOWER_HOOK runs at start, RAFT_LEADER_HOOK when the server becomes leader, with
// ARGUMENTS split on blanks; the shipped raft/vip.sh is installed under the hooks directory.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { eventually } from '../../../../test/support/eventually.js';
import { HaZone } from '../../../../test/support/ha-zone.js';

describe('ha/raft hooks', function () {
  this.timeout(60_000);
  let zone: HaZone;
  let record: string;

  before(async () => {
    zone = await HaZone.create({ servers: 1 });
    const root = zone.roots[0]!;
    record = path.join(root.dir, 'hooks.log');
    const script = path.join(root.dir, 'record-hook.sh');
    writeFileSync(script, `#!/bin/sh\necho "$# $*" >> ${record}\n`);
    chmodSync(script, 0o755);
    root.writeConf({
      conf: (c) => {
        c.raftLeaderHook = { command: script, arguments: 'leader  eth0   10.0.0.10/24' };
        c.raftFollowerHook = { command: script, arguments: 'follower eth0 10.0.0.10/24' };
      },
    });
    await zone.startAll();
  });

  after(async () => {
    await zone?.stopAll();
    zone?.remove();
  });

  it('runs the follower hook at start, then the leader hook once elected', async () => {
    await zone.waitForLeader();
    const lines = await eventually('both hooks ran', () => {
      const text = existsSync(record) ? readFileSync(record, 'utf8') : '';
      const all = text.trim().split('\n');
      return all.length >= 2 ? all : undefined;
    });
    assert.deepEqual(lines.slice(0, 2), [
      '3 follower eth0 10.0.0.10/24',
      '3 leader eth0 10.0.0.10/24',
    ]);
  });

  it('installs the shipped raft/vip.sh, executable, under the hooks directory', () => {
    const vip = path.join(zone.roots[0]!.paths.hooks, 'raft', 'vip.sh');
    assert.ok(existsSync(vip));
    assert.ok((statSync(vip).mode & 0o111) !== 0);
  });
});
