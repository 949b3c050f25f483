import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { serverIdOf, withServerId } from '../../src/ha-wizard/index.js';

const conf = `# the daemon
PORT = 2633

FEDERATION = [
    MODE          = "STANDALONE",
    ZONE_ID       = 0,
    SERVER_ID     = -1, # standalone
    MASTER_ONED   = ""
]

RAFT = [ LIMIT_PURGE = 100000 ]
`;

describe('ha-wizard/server-id-conf', () => {
  it('sets SERVER_ID in place and keeps everything else', () => {
    const edited = withServerId(conf, 2);
    assert.equal(serverIdOf(edited), 2);
    assert.equal(edited, conf.replace('SERVER_ID     = -1', 'SERVER_ID = 2'));
  });

  it('adds SERVER_ID to a FEDERATION without one, and FEDERATION to a file without it', () => {
    const without = 'FEDERATION = [ MODE = "STANDALONE", ZONE_ID = 0 ]\n';
    assert.equal(serverIdOf(without), -1);
    assert.equal(serverIdOf(withServerId(without, 1)), 1);
    assert.equal(serverIdOf(withServerId('FEDERATION = [ ]\n', 3)), 3);
    assert.equal(serverIdOf(withServerId('PORT = 2633', 4)), 4);
  });

  it('round-trips any id, and setting it back restores the text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 10_000 }), (id) => {
        const edited = withServerId(conf, id);
        assert.equal(serverIdOf(edited), id);
        assert.equal(withServerId(withServerId(edited, -1), id), edited);
      }),
    );
  });

  it('names the field when SERVER_ID is not a number', () => {
    assert.throws(() => serverIdOf('FEDERATION = [ SERVER_ID = "x" ]'), {
      code: 'CONFIG_INVALID',
      where: { file: 'oned.conf', field: 'FEDERATION/SERVER_ID' },
    });
  });
});
