import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkProblems,
  compareStateHashes,
  renderZoneCheck,
  type PolledHash,
  type ZoneCheck,
} from '../../src/zone/index.js';

// How `onezone check` judges the state hashes the servers answered, and what it prints.

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);

function polled(id: number, answer: PolledHash['answer']): PolledHash {
  return { id, name: `fe-${id}`, endpoint: `http://10.0.0.${id}:2633/RPC2`, answer };
}
const hash = (index: bigint, h: string): PolledHash['answer'] => ({
  ok: true,
  value: { index, hash: h },
});

describe('zone/zone-check', () => {
  it("compares every hash at the check's index with the leader's", () => {
    const compared = compareStateHashes({
      index: 50n,
      leader: 1,
      polled: [
        polled(0, hash(50n, hashA)),
        polled(1, hash(50n, hashA)),
        polled(2, hash(50n, hashB)),
        polled(3, hash(49n, hashA)),
        polled(4, hash(51n, hashA)),
        polled(5, hash(-1n, '')),
        polled(6, { ok: false, unsupported: false, message: 'x: cannot call' }),
        polled(7, { ok: false, unsupported: true, message: 'does not support it' }),
      ],
    });
    assert.equal(compared.reference, hashA);
    assert.equal(compared.consistent, false);
    assert.deepEqual(
      compared.servers.map((s) => [s.id, s.status, s.index, s.hash === null ? null : s.hash[0]]),
      [
        [0, 'equal', 50n, 'a'],
        [1, 'equal', 50n, 'a'],
        [2, 'diverged', 50n, 'b'],
        [3, 'behind', 49n, 'a'],
        [4, 'superseded', 51n, 'a'],
        [5, 'behind', -1n, null],
        [6, 'no-answer', null, null],
        [7, 'unsupported', null, null],
      ],
    );
  });

  it('judges nobody equal without the leader hash at that index', () => {
    const compared = compareStateHashes({
      index: 50n,
      leader: 0,
      polled: [polled(0, hash(49n, hashA)), polled(1, hash(50n, hashA))],
    });
    assert.equal(compared.reference, undefined);
    assert.deepEqual(
      compared.servers.map((s) => s.status),
      ['behind', 'unknown'],
    );
  });

  it('is consistent exactly when every server answered the leader hash at the index (property)', () => {
    const answerArb = fc.oneof(
      fc
        .record({ index: fc.bigInt(48n, 52n), h: fc.constantFrom(hashA, hashB) })
        .map((v) => hash(v.index, v.h)),
      fc.constant<PolledHash['answer']>({ ok: false, unsupported: false, message: 'no' }),
    );
    fc.assert(
      fc.property(
        fc.array(answerArb, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (answers, pick) => {
          const leader = pick % answers.length;
          const compared = compareStateHashes({
            index: 50n,
            leader,
            polled: answers.map((a, id) => polled(id, a)),
          });
          const lead = answers[leader]!;
          const expected =
            lead.ok &&
            lead.value.index === 50n &&
            answers.every((a) => a.ok && a.value.index === 50n && a.value.hash === lead.value.hash);
          assert.equal(compared.consistent, expected);
          assert.equal(compared.servers.length, answers.length);
        },
      ),
    );
  });

  it('names every server that does not hold the leader state, or gives the all-clear', () => {
    const base: ZoneCheck = {
      zone: { id: 0, name: 'OpenNebula' },
      leader: 0,
      index: 50n,
      servers: [],
      consistent: true,
      error: null,
    };
    const { servers } = compareStateHashes({
      index: 50n,
      leader: 0,
      polled: [
        polled(0, hash(50n, hashA)),
        polled(1, hash(50n, hashB)),
        polled(2, hash(40n, hashA)),
        polled(3, { ok: false, unsupported: false, message: 'http://x: refused' }),
      ],
    });
    const check = { ...base, servers, consistent: false };
    assert.deepEqual(checkProblems(check, { deadlineMs: 10_000 }), [
      "server 1 (fe-1) diverged: its state differs from the leader's at index 50",
      'server 2 (fe-2) is behind: it did not apply the check (index 50) within 10 s',
      'server 3 (fe-3) did not answer: http://x: refused',
    ]);
    assert.equal(
      renderZoneCheck(check, { color: false, deadlineMs: 10_000 }),
      'ID NAME            INDEX      HASH             RESULT\n' +
        ' 0 fe-0            50         aaaaaaaaaaaaaaaa equal\n' +
        ' 1 fe-1            50         bbbbbbbbbbbbbbbb diverged\n' +
        ' 2 fe-2            40         aaaaaaaaaaaaaaaa behind\n' +
        ' 3 fe-3            -          -                no-answer\n' +
        '\n' +
        checkProblems(check, { deadlineMs: 10_000 })
          .map((l) => `${l}\n`)
          .join(''),
    );
    const equal = { ...base, servers: servers.slice(0, 1) };
    assert.equal(
      renderZoneCheck(equal, { color: false, deadlineMs: 10_000 }),
      'ID NAME            INDEX      HASH             RESULT\n' +
        ' 0 fe-0            50         aaaaaaaaaaaaaaaa equal\n' +
        '\nThe only server applied the check at index 50.\n',
    );
    const refused = { ...base, index: null, consistent: false, error: 'http://x: no leader' };
    assert.equal(
      renderZoneCheck(refused, { color: false, deadlineMs: 1000 }),
      'http://x: no leader\n',
    );
  });
});
