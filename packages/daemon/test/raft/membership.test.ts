import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  applyMembershipChange,
  isMember,
  membershipDefect,
  type Membership,
  type MembershipChange,
} from '../../src/raft/index.js';

const zone: Membership = { voters: [0, 1, 2], learners: [3] };

describe('raft/membership', () => {
  it('adds a learner, promotes it, removes servers, returning new configurations', () => {
    const added = applyMembershipChange(zone, { type: 'add-learner', id: 4 });
    assert.deepEqual(added, { ok: true, membership: { voters: [0, 1, 2], learners: [3, 4] } });
    const promoted = applyMembershipChange(zone, { type: 'promote', id: 3 });
    assert.deepEqual(promoted, { ok: true, membership: { voters: [0, 1, 2, 3], learners: [] } });
    const removed = applyMembershipChange(zone, { type: 'remove', id: 1 });
    assert.deepEqual(removed, { ok: true, membership: { voters: [0, 2], learners: [3] } });
    assert.deepEqual(zone, { voters: [0, 1, 2], learners: [3] });
  });

  it('refuses changes that do not fit the configuration, naming the problem', () => {
    const problem = (m: Membership, change: MembershipChange) => {
      const outcome = applyMembershipChange(m, change);
      return outcome.ok ? 'ok' : outcome.problem;
    };
    assert.equal(problem(zone, { type: 'add-learner', id: 1 }), 'already-member');
    assert.equal(problem(zone, { type: 'add-learner', id: 3 }), 'already-member');
    assert.equal(problem(zone, { type: 'promote', id: 1 }), 'not-learner');
    assert.equal(problem(zone, { type: 'promote', id: 9 }), 'not-learner');
    assert.equal(problem(zone, { type: 'remove', id: 9 }), 'not-member');
    assert.equal(problem({ voters: [5], learners: [6] }, { type: 'remove', id: 5 }), 'last-voter');
  });

  it('finds defects in a configuration given from outside', () => {
    assert.equal(membershipDefect(zone), undefined);
    assert.match(membershipDefect({ voters: [], learners: [1] }) ?? '', /voter/);
    assert.match(membershipDefect({ voters: [1, 2], learners: [2] }) ?? '', /twice/);
    assert.match(membershipDefect({ voters: [1, 1], learners: [] }) ?? '', /twice/);
    assert.match(membershipDefect({ voters: [-1], learners: [] }) ?? '', /integers/);
  });

  const change = fc.record({
    type: fc.constantFrom<MembershipChange['type']>('add-learner', 'promote', 'remove'),
    id: fc.integer({ min: 0, max: 7 }),
  });

  it('property: any sequence of changes keeps a valid configuration and follows the rules', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        let m: Membership = Object.freeze({
          voters: Object.freeze([0]),
          learners: Object.freeze([]),
        });
        for (const c of changes) {
          const outcome = applyMembershipChange(m, c);
          const wasVoter = m.voters.includes(c.id);
          const wasLearner = m.learners.includes(c.id);
          const allowed =
            c.type === 'add-learner'
              ? !wasVoter && !wasLearner
              : c.type === 'promote'
                ? wasLearner
                : (wasVoter || wasLearner) && !(wasVoter && m.voters.length === 1);
          assert.equal(outcome.ok, allowed, `${c.type}(${c.id}) on ${JSON.stringify(m)}`);
          if (!outcome.ok) continue;
          const next = outcome.membership;
          assert.equal(membershipDefect(next), undefined);
          assert.deepEqual(
            [...next.voters],
            [...next.voters].sort((a, b) => a - b),
          );
          assert.deepEqual(
            [...next.learners],
            [...next.learners].sort((a, b) => a - b),
          );
          // Only the changed server moves.
          for (const id of [...m.voters, ...m.learners, ...next.voters, ...next.learners]) {
            if (id === c.id) continue;
            assert.equal(next.voters.includes(id), m.voters.includes(id));
            assert.equal(next.learners.includes(id), m.learners.includes(id));
          }
          assert.equal(isMember(next, c.id), c.type !== 'remove');
          assert.equal(next.voters.includes(c.id), c.type === 'promote');
          m = Object.freeze({
            voters: Object.freeze([...next.voters]),
            learners: Object.freeze([...next.learners]),
          });
        }
      }),
    );
  });
});
