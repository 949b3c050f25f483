// An unmodified client: Python's standard xmlrpc.client, as OpenNebula's Python tools use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'mocha';
import { DaemonRoot, type DaemonProcess } from '../support/daemon-root.js';

const SCRIPT = `
import json, sys, xmlrpc.client
server = xmlrpc.client.ServerProxy(sys.argv[1])
print(json.dumps({
  "version": server.one.system.version(sys.argv[2]),
  "pool": server.one.zonepool.info(sys.argv[2]),
  "denied": server.one.zonepool.info("oneadmin:wrong"),
}))
`;

describe('rpc/python xmlrpc.client', function () {
  this.timeout(60_000);
  let root: DaemonRoot;
  let daemon: DaemonProcess;

  before(async () => {
    root = await DaemonRoot.create();
    daemon = await root.start();
  });

  after(async () => {
    await daemon?.stop();
  });

  it('calls one.system.version and one.zonepool.info', () => {
    const endpoint = `http://${root.host}:${root.port}/RPC2`;
    const run = spawnSync('python3', ['-c', SCRIPT, endpoint, root.session], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as Record<string, unknown[]>;
    assert.deepEqual(out.version, [true, '7.5.80', 0]);
    assert.equal(out.pool![0], true);
    assert.match(String(out.pool![1]), /^<ZONE_POOL><ZONE><ID>0<\/ID><NAME>OpenNebula<\/NAME>/);
    assert.deepEqual(out.denied, [
      false,
      "[one.zonepool.info] User couldn't be authenticated, aborting call.",
      256,
      -1,
      -1,
    ]);
  });
});
