import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { decodeHardState, encodeHardState } from '../../src/write-path/index.js';

describe('write-path/raft-state', () => {
  it("writes oned's RAFT_STATE template", () => {
    assert.equal(
      encodeHardState({ term: 3, votedFor: -1 }),
      '<TEMPLATE><TERM><![CDATA[3]]></TERM><VOTEDFOR><![CDATA[-1]]></VOTEDFOR></TEMPLATE>',
    );
  });

  it('reads it back, with or without CDATA (property)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: -1, max: 1000 }), (term, votedFor) => {
        assert.deepEqual(decodeHardState(encodeHardState({ term, votedFor })), { term, votedFor });
        const plain = `<TEMPLATE>\n  <VOTEDFOR>${votedFor}</VOTEDFOR>\n  <TERM>${term}</TERM>\n</TEMPLATE>`;
        assert.deepEqual(decodeHardState(plain), { term, votedFor });
      }),
    );
  });

  it('names the missing attribute', () => {
    assert.throws(() => decodeHardState('<MESSAGE>bootstrap state</MESSAGE>'), {
      code: 'STORAGE',
      where: { field: 'RAFT_STATE/TERM' },
    });
    assert.throws(
      () => decodeHardState('<TEMPLATE><TERM>1</TERM><VOTEDFOR>x</VOTEDFOR></TEMPLATE>'),
      {
        code: 'STORAGE',
        where: { field: 'RAFT_STATE/VOTEDFOR' },
      },
    );
  });
});
