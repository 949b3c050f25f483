import assert from 'node:assert/strict';
import { isPerHostFile, nodeLocalRules } from '../../src/serversync/index.js';

describe('serversync/node-local', () => {
  it('never syncs per-host files', () => {
    assert.ok(isPerHostFile('onekit-agent.yaml'));
    assert.ok(isPerHostFile('auth/.x.conf.3f9a1c.tmp'));
    assert.ok(!isPerHostFile('auth/onekit-agent.yaml.bak'));
    assert.ok(!isPerHostFile('monitord.conf'));
  });

  it('keeps the FEDERATION identity and per-host addresses, and RAFT only with --keep-ha', () => {
    const names = (keepHa: boolean) => nodeLocalRules({ keepHa }).map((r) => r.attribute);
    assert.deepEqual(names(false), [
      'FEDERATION',
      'LISTEN_ADDRESS',
      'GRPC_LISTEN_ADDRESS',
      'HOSTNAME',
    ]);
    assert.deepEqual(names(true), [
      ...names(false),
      'RAFT',
      'RAFT_LEADER_HOOK',
      'RAFT_FOLLOWER_HOOK',
    ]);
    assert.deepEqual(nodeLocalRules({ keepHa: false })[0]!.keys, [
      'MODE',
      'ZONE_ID',
      'SERVER_ID',
      'MASTER_ONED',
      'MASTER_ONED_GRPC',
    ]);
    for (const rule of nodeLocalRules({ keepHa: true })) assert.ok(rule.reason.length > 10);
  });
});
