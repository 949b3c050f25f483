import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { coalesceAppends } from '../../src/raft/coalesce-appends.js';
import type { AppendRequest, Entry, RaftMessage } from '../../src/raft/index.js';

type Message = RaftMessage<string>;

const entry = (index: number, term = 2): Entry<string> => ({
  index: BigInt(index),
  term,
  data: { kind: 'data', value: `v${index}` },
});

/** An append to `to` of entries from..to-1 after `prev`, as a leader in term 2 sends it. */
function append(to: number, prev: number, count: number, commit: number): AppendRequest<string> {
  return {
    type: 'append',
    from: 0,
    to,
    term: 2,
    prevIndex: BigInt(prev),
    prevTerm: prev === 0 ? 0 : 2,
    entries: Array.from({ length: count }, (_, i) => entry(prev + 1 + i)),
    commit: BigInt(commit),
  };
}

const heartbeat = (to: number): Message => ({
  type: 'heartbeat',
  from: 0,
  to,
  term: 2,
  commit: 0n,
  context: undefined,
});

describe('raft/coalesce-appends', () => {
  it('merges a run of one-entry appends to each server into one append per server', () => {
    const burst: Message[] = [];
    for (let i = 0; i < 5; i++) {
      burst.push(append(1, 10 + i, 1, 9 + i), append(2, 10 + i, 1, 9 + i));
    }
    const merged = coalesceAppends(burst, 512) as AppendRequest<string>[];
    assert.equal(merged.length, 2);
    assert.deepEqual(
      merged.map((m) => [m.to, m.prevIndex, m.entries.map((e) => e.index), m.commit]),
      [
        [1, 10n, [11n, 12n, 13n, 14n, 15n], 13n],
        [2, 10n, [11n, 12n, 13n, 14n, 15n], 13n],
      ],
    );
  });

  it('folds an append that only carries a commit index into the one before it', () => {
    const merged = coalesceAppends([append(1, 4, 2, 4), append(1, 6, 0, 6)], 512);
    assert.deepEqual(merged, [{ ...append(1, 4, 2, 4), commit: 6n }]);
  });

  it('keeps a merged append quiet only when both were (entries must be answered)', () => {
    const quiet = (m: AppendRequest<string>): AppendRequest<string> => ({ ...m, quiet: true });
    const [both] = coalesceAppends([quiet(append(1, 4, 0, 3)), quiet(append(1, 4, 0, 4))], 512);
    assert.deepEqual(both, quiet(append(1, 4, 0, 4)));
    const [loud] = coalesceAppends([quiet(append(1, 4, 0, 3)), append(1, 4, 2, 4)], 512);
    assert.deepEqual(loud, append(1, 4, 2, 4));
  });

  it('keeps apart what does not continue, other messages between, and full appends', () => {
    const gap = [append(1, 4, 1, 0), append(1, 7, 1, 0)];
    assert.equal(coalesceAppends(gap, 512).length, 2, 'prevIndex does not follow');
    const otherTerm = [append(1, 4, 1, 0), { ...append(1, 5, 1, 0), term: 3 }];
    assert.equal(coalesceAppends(otherTerm, 512).length, 2, 'another term');
    const between = [append(1, 4, 1, 0), heartbeat(1), append(1, 5, 1, 0)];
    assert.equal(coalesceAppends(between, 512).length, 3, 'a heartbeat to the same server');
    const elsewhere = [append(1, 4, 1, 0), heartbeat(2), append(1, 5, 1, 0)];
    assert.equal(coalesceAppends(elsewhere, 512).length, 2, 'a heartbeat to another server');
    const full = [append(1, 0, 3, 0), append(1, 3, 2, 0)];
    assert.equal(coalesceAppends(full, 4).length, 2, 'over maxEntries');
    assert.equal(coalesceAppends(full, 5).length, 1, 'at maxEntries');
  });

  it('leaves every follower with the same log and commit index as the messages one by one', () => {
    // A leader's output: runs of appends continuing each server's log, heartbeats, and
    // now and then an append that restarts from an earlier index (a probe after a refusal).
    const step = fc.record({
      to: fc.integer({ min: 1, max: 3 }),
      kind: fc.constantFrom('append', 'append', 'append', 'heartbeat', 'rewind'),
      count: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (steps, most) => {
          const sent = new Map<number, number>();
          let commit = 0;
          const messages: Message[] = [];
          for (const s of steps) {
            const prev = sent.get(s.to) ?? 0;
            if (s.kind === 'heartbeat') {
              messages.push(heartbeat(s.to));
              continue;
            }
            const from = s.kind === 'rewind' ? Math.floor(prev / 2) : prev;
            const count = Math.min(s.count, most);
            commit = Math.max(commit, from);
            messages.push(append(s.to, from, count, commit));
            sent.set(s.to, from + count);
          }
          const merged = coalesceAppends(messages, most);
          assert.ok(merged.length <= messages.length);
          for (const m of merged) if (m.type === 'append') assert.ok(m.entries.length <= most);
          for (const to of [1, 2, 3]) {
            assert.deepEqual(replay(merged, to), replay(messages, to), `server ${to}`);
          }
        },
      ),
    );
  });
});

/** What a follower that accepts every append holds: its log (an append drops what follows its prevIndex) and commit index. */
function replay(messages: readonly Message[], to: number): { log: bigint[]; commit: bigint } {
  const log: bigint[] = [];
  let commit = 0n;
  for (const m of messages) {
    if (m.type !== 'append' || m.to !== to) continue;
    log.length = Number(m.prevIndex);
    log.push(...m.entries.map((e) => e.index));
    const last = m.prevIndex + BigInt(m.entries.length);
    const bound = m.commit < last ? m.commit : last;
    if (bound > commit) commit = bound;
  }
  return { log, commit };
}
