import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { committedIndex, hasQuorum, majority, voteResult } from '../../src/raft/index.js';

const matchOf = (values: readonly bigint[]) => (id: number) => values[id];
const ids = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('raft/quorum', () => {
  it('a majority of n voters is floor(n/2) + 1', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(majority), [1, 2, 2, 3, 3, 4, 4]);
  });

  it('commits the highest index a majority of voters holds', () => {
    assert.equal(committedIndex([0, 1, 2], matchOf([5n, 3n, 1n])), 3n);
    assert.equal(committedIndex([0, 1, 2, 3], matchOf([5n, 4n, 2n, 1n])), 2n);
    assert.equal(committedIndex([0], matchOf([7n])), 7n);
  });

  it('counts a voter without progress as holding nothing', () => {
    assert.equal(
      committedIndex([0, 1, 2], (id) => (id === 0 ? 9n : undefined)),
      0n,
    );
    assert.equal(
      committedIndex([0, 1, 2], (id) => (id === 2 ? undefined : 9n)),
      9n,
    );
  });

  it('ignores servers that are not voters', () => {
    // Learner 3 holds 9, but only voters 0..2 count.
    assert.equal(committedIndex([0, 1, 2], matchOf([9n, 1n, 1n, 9n])), 1n);
  });

  it('tallies votes: won, lost or still pending', () => {
    const voters = [0, 1, 2, 3, 4];
    assert.equal(
      voteResult(
        voters,
        new Map([
          [0, true],
          [1, true],
          [2, true],
        ]),
      ),
      'won',
    );
    assert.equal(
      voteResult(
        voters,
        new Map([
          [0, true],
          [1, false],
          [2, false],
          [3, false],
        ]),
      ),
      'lost',
    );
    assert.equal(
      voteResult(
        voters,
        new Map([
          [0, true],
          [1, false],
        ]),
      ),
      'pending',
    );
    assert.equal(
      voteResult(
        voters,
        new Map([
          [7, true],
          [8, true],
          [0, true],
        ]),
      ),
      'pending',
    );
  });

  it('property: the committed index is held by a majority and nothing higher is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 50n }), { minLength: 1, maxLength: 9 }),
        (matches) => {
          const voters = ids(matches.length);
          const c = committedIndex(voters, matchOf(matches));
          const holding = (v: bigint) => matches.filter((m) => m >= v).length;
          assert.ok(holding(c) >= majority(voters.length));
          assert.ok(holding(c + 1n) < majority(voters.length));
          assert.ok(c === 0n || matches.includes(c));
        },
      ),
    );
  });

  it('property: raising one match never lowers the committed index', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 50n }), { minLength: 1, maxLength: 9 }),
        fc.nat(),
        fc.bigInt({ min: 0n, max: 20n }),
        (matches, which, raise) => {
          const voters = ids(matches.length);
          const before = committedIndex(voters, matchOf(matches));
          const raised = [...matches];
          raised[which % raised.length] += raise;
          assert.ok(committedIndex(voters, matchOf(raised)) >= before);
        },
      ),
    );
  });

  it('property: a vote is won exactly when a majority granted, lost when it no longer can be', () => {
    const answer = fc.constantFrom<boolean | undefined>(true, false, undefined);
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 9 }), (answers) => {
        const voters = ids(answers.length);
        const votes = new Map<number, boolean>();
        answers.forEach((a, id) => a !== undefined && votes.set(id, a));
        const granted = answers.filter((a) => a === true).length;
        const missing = answers.filter((a) => a === undefined).length;
        const expected =
          granted >= majority(voters.length)
            ? 'won'
            : granted + missing >= majority(voters.length)
              ? 'pending'
              : 'lost';
        assert.equal(voteResult(voters, votes), expected);
        assert.equal(
          hasQuorum(voters, (id) => answers[id] === true),
          expected === 'won',
        );
      }),
    );
  });
});
