// The linearizability checker that judges the zone's recorded histories: histories from a
// real concurrent execution pass, whatever their unknown outcomes; planted stale reads,
// lost writes and values never written are caught.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  checkLinearizable,
  counterModel,
  registerModel,
  type HistoryOp,
} from '../../../../test/support/linearizability.js';

type Kind = 'register' | 'counter';

interface Pending {
  readonly client: number;
  readonly op: 'read' | 'write' | 'add';
  readonly key: string;
  readonly invoked: number;
  value: unknown;
  applied: boolean;
}

/**
 * Runs clients against a real register (or counter) under a schedule: each step moves one
 * client on (invoke, take effect, answer). Some calls give up before taking effect (`fail`,
 * or `unknown` and maybe taking effect later), some lose their answer after taking effect
 * (`unknown`). Every effect happens between invocation and answer, so the history is
 * linearizable by construction.
 */
function execute(kind: Kind, schedule: readonly { client: number; coin: number }[]): HistoryOp[] {
  const state = new Map<string, unknown>();
  const history: HistoryOp[] = [];
  const pending = new Map<number, Pending>();
  const adrift: Pending[] = [];
  let written = 0;
  const apply = (p: Pending): void => {
    if (p.op === 'read') p.value = state.get(p.key) ?? (kind === 'counter' ? 0 : null);
    else if (p.op === 'write') state.set(p.key, p.value);
    else state.set(p.key, ((state.get(p.key) as number | undefined) ?? 0) + (p.value as number));
    p.applied = true;
  };
  schedule.forEach(({ client, coin }, time) => {
    const drifting = adrift.findIndex((p) => !p.applied);
    if (drifting >= 0 && coin % 7 === 0) apply(adrift.splice(drifting, 1)[0]!);
    const p = pending.get(client);
    if (!p) {
      const key = kind === 'counter' ? 'n' : coin % 2 ? 'a' : 'b';
      const write = coin < 55;
      pending.set(client, {
        client,
        key,
        invoked: time,
        applied: false,
        op: !write ? 'read' : kind === 'counter' ? 'add' : 'write',
        value: !write ? undefined : kind === 'counter' ? 1 + (coin % 3) : `v${written++}`,
      });
      return;
    }
    if (!p.applied) {
      if (coin < 6 && p.op !== 'read') {
        // Gave up before taking effect: a definite failure, or unknown and adrift.
        pending.delete(client);
        const op = { ...base(p), outcome: coin < 3 ? ('fail' as const) : ('unknown' as const) };
        history.push(coin < 3 ? { ...op, returned: time } : op);
        if (coin >= 3) adrift.push(p);
        return;
      }
      apply(p);
      return;
    }
    pending.delete(client);
    history.push(
      coin < 8 ? { ...base(p), outcome: 'unknown' } : { ...base(p), outcome: 'ok', returned: time },
    );
  });
  for (const p of pending.values())
    if (p.op !== 'read') history.push({ ...base(p), outcome: 'unknown' });
  return history;
}

function base(p: Pending): Omit<HistoryOp, 'outcome'> {
  return { client: p.client, op: p.op, key: p.key, value: p.value, invoked: p.invoked };
}

const schedules = fc.array(
  fc.record({ client: fc.integer({ min: 0, max: 4 }), coin: fc.integer({ min: 0, max: 99 }) }),
  { minLength: 1, maxLength: 120 },
);

const model = (kind: Kind) => (kind === 'counter' ? counterModel : registerModel);

const op = (
  client: number | string,
  o: Pick<HistoryOp, 'op' | 'value' | 'invoked'> & Partial<HistoryOp>,
): HistoryOp => ({ client, outcome: 'ok', key: 'a', returned: o.invoked + 1, ...o });

const write = (value: string, invoked: number, outcome: HistoryOp['outcome'] = 'ok') =>
  op('w', { op: 'write', value, invoked, outcome });
const read = (value: unknown, invoked: number) => op('r', { op: 'read', value, invoked });

describe('support/linearizability', () => {
  describe('histories of a real execution', () => {
    for (const kind of ['register', 'counter'] as const) {
      it(`are linearizable (${kind}, with failed and unknown outcomes)`, () => {
        fc.assert(
          fc.property(schedules, (schedule) => {
            const result = checkLinearizable(execute(kind, schedule), model(kind));
            assert.equal(result.verdict, 'linearizable', JSON.stringify(result));
          }),
          { numRuns: 300 },
        );
      });
    }
  });

  describe('planted faults', () => {
    const planted = fc.record({
      schedule: schedules,
      at: fc.double({ min: -1, max: 130, noNaN: true }),
      spread: fc.double({ min: 0.01, max: 20, noNaN: true }),
      key: fc.constantFrom('a', 'b'),
    });

    it('catches a stale read: a value read after it was overwritten', () => {
      fc.assert(
        fc.property(planted, ({ schedule, at, spread, key }) => {
          const history = execute('register', schedule);
          const s = (n: number) => at + n * spread;
          history.push(
            op('x', { op: 'write', key, value: 'old', invoked: s(0), returned: s(1) }),
            op('y', { op: 'write', key, value: 'new', invoked: s(2), returned: s(3) }),
            op('z', { op: 'read', key, value: 'old', invoked: s(4), returned: s(5) }),
          );
          const result = checkLinearizable(history, registerModel);
          assert.equal(result.verdict, 'violation');
          assert.equal(result.verdict === 'violation' && result.key, key);
        }),
        { numRuns: 200 },
      );
    });

    it('catches a lost write: an acknowledged write gone from a later read', () => {
      fc.assert(
        fc.property(planted, ({ schedule, at, spread, key }) => {
          const history = execute('register', schedule);
          history.push(
            op('x', { op: 'write', key, value: 'kept?', invoked: at, returned: at + spread }),
            op('y', { op: 'read', key, value: null, invoked: at + 2 * spread }),
          );
          assert.equal(checkLinearizable(history, registerModel).verdict, 'violation');
        }),
        { numRuns: 200 },
      );
    });

    it('catches a lost add on a counter', () => {
      fc.assert(
        fc.property(planted, ({ schedule, at, spread }) => {
          const history = execute('counter', schedule);
          history.push(
            op('x', { op: 'add', key: 'n', value: 1000, invoked: at, returned: at + spread }),
            op('y', { op: 'read', key: 'n', value: 0, invoked: at + 2 * spread }),
          );
          assert.equal(checkLinearizable(history, counterModel).verdict, 'violation');
        }),
        { numRuns: 200 },
      );
    });

    it('catches a value that was never written, or only by a failed write', () => {
      fc.assert(
        fc.property(planted, fc.boolean(), ({ schedule, at, spread, key }, failedWrite) => {
          const history = execute('register', schedule);
          if (failedWrite) {
            history.push(
              op('x', { op: 'write', key, value: 'ghost', invoked: at, outcome: 'fail' }),
            );
          }
          history.push(op('y', { op: 'read', key, value: 'ghost', invoked: at + spread }));
          assert.equal(checkLinearizable(history, registerModel).verdict, 'violation');
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('unknown outcomes', () => {
    it('may have taken effect: a later read sees the value', () => {
      const history = [write('a', 0), write('b', 2, 'unknown'), read('b', 10)];
      assert.equal(checkLinearizable(history, registerModel).verdict, 'linearizable');
    });

    it('may not have taken effect: a later read does not see it', () => {
      const history = [write('a', 0), write('b', 2, 'unknown'), read('a', 10)];
      assert.equal(checkLinearizable(history, registerModel).verdict, 'linearizable');
    });

    it('may take effect long after its caller gave up', () => {
      const history = [write('a', 0), write('b', 2, 'unknown'), read('a', 10), read('b', 20)];
      assert.equal(checkLinearizable(history, registerModel).verdict, 'linearizable');
    });

    it('cannot take effect twice, nor before it was invoked', () => {
      const twice = [
        write('a', 0),
        write('b', 2, 'unknown'),
        read('b', 10),
        write('c', 12),
        read('b', 20),
      ];
      assert.equal(checkLinearizable(twice, registerModel).verdict, 'violation');
      const early = [read('b', 0), write('b', 2, 'unknown')];
      assert.equal(checkLinearizable(early, registerModel).verdict, 'violation');
    });

    it('an unknown read constrains nothing; a failed write never took effect', () => {
      const history = [
        write('a', 0),
        op('r', { op: 'read', value: 'nonsense', invoked: 3, outcome: 'unknown' }),
        write('b', 4, 'fail'),
        read('a', 10),
      ];
      assert.equal(checkLinearizable(history, registerModel).verdict, 'linearizable');
    });
  });

  describe('search size', () => {
    // Each of these would take far more steps without the reductions.
    const budget = { maxSteps: 20_000 };

    it('places interchangeable unknown adds in one order only', () => {
      const adds = Array.from({ length: 40 }, (_, i) =>
        op(i, { op: 'add', key: 'n', value: 1, invoked: i, outcome: 'unknown' }),
      );
      const reads = (values: number[]) =>
        values.map((value, i) => op('r', { op: 'read', key: 'n', value, invoked: 100 + 2 * i }));
      const fits = checkLinearizable([...adds, ...reads([3, 17, 17, 39])], counterModel, budget);
      assert.equal(fits.verdict, 'linearizable');
      const tooMany = checkLinearizable([...adds, ...reads([3, 17, 41])], counterModel, budget);
      assert.equal(tooMany.verdict, 'violation');
      const backwards = checkLinearizable([...adds, ...reads([3, 17, 16])], counterModel, budget);
      assert.equal(backwards.verdict, 'violation');
    });

    it('leaves out unknown writes that no read saw', () => {
      const unseen = Array.from({ length: 40 }, (_, i) =>
        op(i, { op: 'write', value: `u${i}`, invoked: i, outcome: 'unknown' }),
      );
      const stale = [
        write('old', 50),
        write('new', 52),
        op('r', { op: 'read', value: 'u7', invoked: 60 }),
        read('old', 62),
      ];
      const result = checkLinearizable([...unseen, ...stale], registerModel, budget);
      assert.equal(result.verdict, 'violation');
      const fine = checkLinearizable([...unseen, ...stale.slice(0, 3)], registerModel, budget);
      assert.equal(fine.verdict, 'linearizable');
    });
  });

  describe('the answer', () => {
    it('names the register and the operations it could not place', () => {
      const history = [
        op('w', { op: 'write', key: 'k1', value: 'x', invoked: 0 }),
        op('w', { op: 'write', key: 'k2', value: 'y', invoked: 0 }),
        op('r', { op: 'read', key: 'k2', value: 'y', invoked: 5 }),
        op('r', { op: 'read', key: 'k2', value: null, invoked: 7 }),
      ];
      const result = checkLinearizable(history, registerModel);
      assert.equal(result.verdict, 'violation');
      if (result.verdict !== 'violation') return;
      assert.equal(result.key, 'k2');
      assert.deepEqual(
        result.linearized.map((o) => o.value),
        ['y', 'y'],
      );
      assert.deepEqual(result.unplaced, [history[3]]);
    });

    it('gives up, rather than running on, when the search is too long', () => {
      const writes = Array.from({ length: 30 }, (_, i) =>
        op(i, { op: 'write', value: `v${i}`, invoked: 0, returned: 100 }),
      );
      const result = checkLinearizable([...writes, read('none', 200)], registerModel, {
        maxSteps: 1000,
      });
      assert.equal(result.verdict, 'gave-up');
    });

    it('refuses an operation answered before it was invoked', () => {
      assert.throws(() =>
        checkLinearizable(
          [op('w', { op: 'write', value: 'a', invoked: 5, returned: 4 })],
          registerModel,
        ),
      );
    });
  });
});
