// The shipped raft/vip.sh, run with `ip` and `arping` replaced on PATH by recorders: the
// leader adds and announces each address once, the follower removes only what it has.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'mocha';

const VIP = path.resolve(import.meta.dirname, '../../share/hooks/raft/vip.sh');

describe('ha/raft/vip.sh', () => {
  let dir: string;
  let calls: string;
  const run = (...args: string[]) =>
    spawnSync('sh', [VIP, ...args], {
      encoding: 'utf8',
      env: { PATH: `${dir}/bin:/usr/bin:/bin`, VIP_LOCK: path.join(dir, 'vip.lock') },
    });

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'onekit-vip-'));
    calls = path.join(dir, 'calls');
    const state = path.join(dir, 'addresses');
    writeFileSync(state, '');
    spawnSync('mkdir', ['-p', path.join(dir, 'bin')]);
    // A fake `ip` that keeps the addresses it was given in a file.
    const ip = `#!/bin/sh
echo "ip $*" >> ${calls}
case "$1 $2" in
  "-o address") cat ${state} ;;
  "address add") echo "2: $5 inet $3 scope global" >> ${state} ;;
  "address del") grep -v " $3 " ${state} > ${state}.new; mv ${state}.new ${state} ;;
esac
`;
    writeFileSync(path.join(dir, 'bin', 'ip'), ip);
    writeFileSync(path.join(dir, 'bin', 'arping'), `#!/bin/sh\necho "arping $*" >> ${calls}\n`);
    chmodSync(path.join(dir, 'bin', 'ip'), 0o755);
    chmodSync(path.join(dir, 'bin', 'arping'), 0o755);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds and announces each address as leader, once', () => {
    assert.equal(run('leader', 'eth0', '10.0.0.10/24', 'eth1', '192.168.1.5/32').status, 0);
    assert.equal(run('leader', 'eth0', '10.0.0.10/24').status, 0);
    const log = readFileSync(calls, 'utf8');
    assert.equal(log.match(/ip address add 10\.0\.0\.10\/24 dev eth0/g)?.length, 1);
    assert.match(log, /ip address add 192\.168\.1\.5\/32 dev eth1/);
    assert.match(log, /arping -c 5 -U -I eth0 10\.0\.0\.10/);
  });

  it('removes the addresses it has as follower, and nothing else', () => {
    assert.equal(run('follower', 'eth0', '10.0.0.10/24', 'eth2', '172.16.0.1/24').status, 0);
    const log = readFileSync(calls, 'utf8');
    assert.match(log, /ip address del 10\.0\.0\.10\/24 dev eth0/);
    assert.doesNotMatch(log, /del 172\.16\.0\.1/);
  });

  it('refuses a wrong call with its usage', () => {
    const r = run('leader', 'eth0');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /usage/);
  });
});
