import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTemplate, templateEquals } from '@onekit/core';
import {
  mergeNodeLocal,
  mergedOnedConf,
  nodeLocalRules,
  nodeLocalValues,
  onedConfInSync,
  stripNodeLocal,
  templateLayout,
  withoutNodeLocal,
} from '../../../src/serversync/index.js';
import { confModel, renderConf } from './arbitraries.js';

const rulesWithHa = nodeLocalRules({ keepHa: true });
const rulesWithoutHa = nodeLocalRules({ keepHa: false });
const ruleSets = fc.constantFrom(rulesWithHa, rulesWithoutHa);

const merge = (remote: string, local: string, rules = rulesWithHa) =>
  mergeNodeLocal(templateLayout(remote), templateLayout(local), rules);
const pair = (remote: string, local: string) => ({
  remote: { text: remote, file: 'fe2:/etc/one/oned.conf' },
  local: { text: local, file: '/etc/one/oned.conf' },
});

const remoteConf = `# oned.conf of fe2
LOG = [
  SYSTEM      = "file",
  DEBUG_LEVEL = 3
]

LISTEN_ADDRESS = "10.0.0.2"   # this server's address
PORT = 2633

FEDERATION = [
    MODE          = "MASTER",
    ZONE_ID       = 0,
    SERVER_ID     = 1,
    MASTER_ONED   = ""
]

RAFT = [
    ELECTION_TIMEOUT_MS  = 5000,
    BROADCAST_TIMEOUT_MS = 500
]
`;

const localConf = `# oned.conf of fe1, older
LOG = [ SYSTEM = "file", DEBUG_LEVEL = 1 ]
FEDERATION = [
    MODE      = "MASTER",
    ZONE_ID   = 0,
    SERVER_ID = 0,
    MASTER_ONED_GRPC = "fe0:2634"
]
LISTEN_ADDRESS = "10.0.0.1"
RAFT = [ ELECTION_TIMEOUT_MS = 30000, BROADCAST_TIMEOUT_MS = 500 ]
HOSTNAME = "fe1"
`;

describe('serversync/oned-conf/node-local-merge', () => {
  it("puts this host's identity into the other server's text, keeping its comments and layout", () => {
    assert.equal(
      merge(remoteConf, localConf),
      `# oned.conf of fe2
LOG = [
  SYSTEM      = "file",
  DEBUG_LEVEL = 3
]

LISTEN_ADDRESS = "10.0.0.1"   # this server's address
PORT = 2633

FEDERATION = [
    MODE      = "MASTER",
    ZONE_ID   = 0,
    SERVER_ID = 0,
    MASTER_ONED_GRPC = "fe0:2634"
]

RAFT = [ ELECTION_TIMEOUT_MS = 30000, BROADCAST_TIMEOUT_MS = 500 ]
HOSTNAME = "fe1"
`,
    );
  });

  it("takes the other server's RAFT unless --keep-ha", () => {
    const merged = parseTemplate(merge(remoteConf, localConf, rulesWithoutHa));
    const raft = merged.getVector('RAFT')?.pairs;
    assert.equal(raft?.find((p) => p.key === 'ELECTION_TIMEOUT_MS')?.value, '5000');
    assert.equal(
      merged.getVector('FEDERATION')?.pairs.find((p) => p.key === 'SERVER_ID')?.value,
      '0',
    );
  });

  it('removes node-local parts this host does not have, and adds those the other lacks', () => {
    const remote = 'A = 1\nHOSTNAME = "fe2" # name\nFEDERATION = [ MODE = "SLAVE", K = 1 ]\n';
    const local = 'FEDERATION = [ K = 2 ]\nLISTEN_ADDRESS = 10.0.0.1\n';
    assert.equal(
      merge(remote, local),
      'A = 1\nFEDERATION = [  K = 1 ]\nLISTEN_ADDRESS = 10.0.0.1\n',
    );
    assert.equal(
      merge('A = 1', 'FEDERATION = [\n  MODE = "SLAVE",\n  K = 9\n]\n'),
      'A = 1\nFEDERATION = [\n  MODE = "SLAVE" ]\n',
    );
  });

  it('keeps an empty value on a line of its own', () => {
    assert.equal(merge('HOSTNAME = "fe2" PORT = 1\n', 'HOSTNAME =\n'), 'HOSTNAME =\n PORT = 1\n');
  });

  it('strips node-local parts, leaving a text that still parses', () => {
    assert.equal(
      stripNodeLocal(templateLayout(remoteConf), rulesWithHa),
      '# oned.conf of fe2\nLOG = [\n  SYSTEM      = "file",\n  DEBUG_LEVEL = 3\n]\n\nPORT = 2633\n\n\n',
    );
  });

  it('calls servers in sync when only node-local values or their places differ', () => {
    const a = 'PORT = 1\nLISTEN_ADDRESS = "a"\nFEDERATION = [ MODE = "MASTER", SERVER_ID = 0 ]\n';
    const b = 'PORT = 1\nFEDERATION = [ MODE = "MASTER", SERVER_ID = 2 ]\nLISTEN_ADDRESS = "b"\n';
    assert.equal(onedConfInSync(pair(a, b), rulesWithHa), true);
    assert.equal(onedConfInSync(pair(a, b.replace('PORT = 1', 'PORT = 2')), rulesWithHa), false);
    // A comment is configuration too: it is copied.
    assert.equal(onedConfInSync(pair(a, `# note\n${b}`), rulesWithHa), false);
  });

  it('refuses to write a merge that would not parse, naming the remote file', () => {
    // A quoted value followed directly by a name: replacing it with an unquoted one joins them.
    const remote = 'LISTEN_ADDRESS = "a b"PORT = 1\n';
    assert.throws(() => mergedOnedConf(pair(remote, 'LISTEN_ADDRESS = x\n'), rulesWithHa), {
      code: 'CONFIG_INVALID',
      where: { file: 'fe2:/etc/one/oned.conf' },
    });
  });

  it('reports a syntax error in either file as CONFIG_INVALID with its file and line', () => {
    assert.throws(() => onedConfInSync(pair('A = 1\n', 'B = [\n'), rulesWithHa), {
      code: 'CONFIG_INVALID',
      where: { file: '/etc/one/oned.conf', line: 2, column: 1, endColumn: 1 },
    });
  });

  describe('properties', () => {
    it('merging a text with itself changes nothing', () => {
      fc.assert(
        fc.property(confModel, ruleSets, (model, rules) => {
          const text = renderConf(model);
          assert.equal(merge(text, text, rules), text);
        }),
        { numRuns: 300 },
      );
    });

    it('keeps every node-local value of this host and everything else of the other server', () => {
      fc.assert(
        fc.property(confModel, confModel, ruleSets, (remoteModel, localModel, rules) => {
          const remote = renderConf(remoteModel);
          const local = renderConf(localModel);
          const merged = parseTemplate(merge(remote, local, rules));
          assert.deepEqual(
            nodeLocalValues(merged, rules),
            nodeLocalValues(parseTemplate(local), rules),
          );
          assert.ok(
            templateEquals(
              withoutNodeLocal(merged, rules),
              withoutNodeLocal(parseTemplate(remote), rules),
            ),
          );
        }),
        { numRuns: 300 },
      );
    });

    it('is in sync after a sync, and merging again changes nothing', () => {
      fc.assert(
        fc.property(confModel, confModel, ruleSets, (remoteModel, localModel, rules) => {
          const remote = renderConf(remoteModel);
          const synced = mergedOnedConf(pair(remote, renderConf(localModel)), rules);
          assert.equal(merge(remote, synced, rules), synced);
          assert.equal(onedConfInSync(pair(remote, synced), rules), true);
        }),
        { numRuns: 300 },
      );
    });

    it('sees no difference when only node-local values differ', () => {
      fc.assert(
        fc.property(confModel, ruleSets, (model, rules) => {
          const remote = renderConf(model);
          const local = renderConf(model, { rules, revalue: () => '"changed"' });
          assert.equal(onedConfInSync(pair(remote, local), rules), true);
        }),
        { numRuns: 300 },
      );
    });

    it('sees a difference whenever the rest differs', () => {
      fc.assert(
        fc.property(confModel, confModel, ruleSets, (remoteModel, localModel, rules) => {
          const remote = renderConf(remoteModel);
          const local = renderConf(localModel);
          const same = templateEquals(
            withoutNodeLocal(parseTemplate(remote), rules),
            withoutNodeLocal(parseTemplate(local), rules),
          );
          if (!same) assert.equal(onedConfInSync(pair(remote, local), rules), false);
        }),
        { numRuns: 300 },
      );
    });

    it('strips exactly the node-local parts', () => {
      fc.assert(
        fc.property(confModel, ruleSets, (model, rules) => {
          const text = renderConf(model);
          const stripped = parseTemplate(stripNodeLocal(templateLayout(text), rules));
          assert.ok(templateEquals(stripped, withoutNodeLocal(parseTemplate(text), rules)));
        }),
        { numRuns: 300 },
      );
    });
  });
});
