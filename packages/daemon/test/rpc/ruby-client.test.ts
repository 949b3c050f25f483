// An unmodified Ruby client: Ruby's XMLRPC library used the way OpenNebula's OCA uses it
// (clients/ruby-xmlrpc.rb), against a real daemon. OCA itself is not packaged for Debian,
// so the script makes OCA's calls with OCA's library rather than loading OCA.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAclRule } from '@onekit/core';
import { after, before, describe, it } from 'mocha';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';

const SCRIPT = path.join(import.meta.dirname, 'clients', 'ruby-xmlrpc.rb');

describe('rpc/ruby XMLRPC::Client as OCA calls it', function () {
  this.timeout(60_000);
  let root: DaemonRoot;
  let daemon: DaemonProcess;

  before(async () => {
    root = await DaemonRoot.create();
    await (await root.start()).stop();
    // Zones are created only by a federation master (a bootstrapped one).
    root.writeConf({ conf: (c) => void (c.federation.mode = 'MASTER') });
    daemon = await root.start();
  });

  after(async () => {
    await daemon?.stop();
  });

  it('manages zones, groups, users, tokens and ACL rules and reads errors', () => {
    const rule = parseAclRule('#0 ZONE/* USE');
    const hex = (mask: bigint) => mask.toString(16);
    const run = spawnSync(
      'ruby',
      [SCRIPT, root.endpoint, root.session, hex(rule.resource), hex(rule.rights)],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const seen = JSON.parse(run.stdout) as Record<string, unknown[]>;
    assert.deepEqual(seen.version, [true, '7.5.80']);
    assert.deepEqual(seen.zone_names, [true, ['OpenNebula']]);
    assert.equal(seen.zone_allocate![0], true);
    assert.ok((seen.zone_allocate![1] as number) >= 100, 'user zones are numbered from 100');
    assert.deepEqual(seen.zone_after, [true, ['ruby-zone-2'], ['from ruby']]);
    assert.deepEqual(seen.group_allocate, [true, true]);
    assert.deepEqual(seen.user, [true, ['rubyuser'], true]);
    assert.deepEqual(seen.passwd_then_self_info, [true, true]);
    assert.deepEqual(seen.login_token, [true, true]);
    assert.deepEqual(seen.acl, [true, true]);
    assert.deepEqual(seen.raft_state, [true, ['0']]);
    assert.equal(seen.refused![0], false);
    assert.match(String(seen.refused![1]), /\[one\.zone\.info\] Error getting zone \[9999\]\./);
    assert.deepEqual(seen.bad_session, [
      false,
      "[one.zonepool.info] User couldn't be authenticated, aborting call.",
      256,
      -1,
      -1,
    ]);
    assert.deepEqual(seen.cleanup, [true, true, true]);
  });
});
