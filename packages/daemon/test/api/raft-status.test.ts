import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { validateAgainstXsd } from '../../../core/test/support/xsd.js';
import { raftStatusXml, soloRaftStatus } from '../../src/api/raft-status.js';

function log(lastFederated: bigint | undefined) {
  return { hardState: { term: 3, votedFor: -1 }, lastFederatedIndex: async () => lastFederated };
}

describe('api/raft-status', () => {
  it('reports a solo server as oned does, FEDLOG_INDEX -1 without federation', async () => {
    const xml = raftStatusXml(await soloRaftStatus(log(9n), { federationEnabled: false }).status());
    assert.equal(
      xml,
      '<RAFT><SERVER_ID>-1</SERVER_ID><STATE>0</STATE><TERM>3</TERM><VOTEDFOR>-1</VOTEDFOR><COMMIT>0</COMMIT>' +
        '<LOG_INDEX>-1</LOG_INDEX><LOG_TERM>-1</LOG_TERM><FEDLOG_INDEX>-1</FEDLOG_INDEX></RAFT>',
    );
    await validateAgainstXsd(xml, 'raftstatus.xsd');
  });

  it('reports the last federated index of a master, unsigned UINT64_MAX when there is none', async () => {
    assert.equal(
      (await soloRaftStatus(log(9n), { federationEnabled: true }).status()).fedlogIndex,
      9n,
    );
    const empty = raftStatusXml(
      await soloRaftStatus(log(undefined), { federationEnabled: true }).status(),
    );
    assert.match(empty, /<FEDLOG_INDEX>18446744073709551615<\/FEDLOG_INDEX>/);
    await validateAgainstXsd(empty, 'raftstatus.xsd');
  });
});
