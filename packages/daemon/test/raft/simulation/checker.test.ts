// Each property the simulation checks, fed a violation directly.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { Entry } from '../../../src/raft/index.js';
import { testConfig } from '../cluster.js';
import { Checker } from './checker.js';
import { SimServer, type Value } from './server.js';

const value = (index: number, term: number, v: string): Entry<Value> => ({
  index: BigInt(index),
  term,
  data: { kind: 'data', value: v },
});

function server(id: number, entries: Entry<Value>[] = []): SimServer {
  const s = new SimServer(id, { ...testConfig, id }, { voters: [0, 1, 2], learners: [] }, () => 0);
  s.storage.append(entries);
  return s;
}

describe('raft/simulation checker', () => {
  it('election safety: two leaders of one term', () => {
    const checker = new Checker();
    checker.softState(1, { role: 'leader', leader: 1, term: 3, reconciling: true });
    checker.softState(1, { role: 'leader', leader: 1, term: 3, reconciling: false });
    assert.throws(
      () => checker.softState(2, { role: 'leader', leader: 2, term: 3, reconciling: true }),
      { kind: 'election-safety' },
    );
  });

  it('log matching: one index and term naming two entries, or two different pasts', () => {
    const checker = new Checker();
    const a = server(0, [value(1, 1, 'x'), value(2, 1, 'y')]);
    checker.persisted(a, [value(1, 1, 'x'), value(2, 1, 'y')]);
    const b = server(1, [value(1, 1, 'x'), value(2, 1, 'z')]);
    assert.throws(() => checker.persisted(b, [value(2, 1, 'z')]), { kind: 'log-matching' });
    const c = server(2, [value(1, 2, 'w'), value(2, 1, 'y')]);
    assert.throws(() => checker.persisted(c, [value(2, 1, 'y')]), { kind: 'log-matching' });
  });

  it('state machine safety and in-order apply', () => {
    const checker = new Checker();
    checker.applied(server(0), value(1, 1, 'x'));
    assert.throws(() => checker.applied(server(1), value(1, 1, 'other')), {
      kind: 'state-machine-safety',
    });
    assert.throws(() => checker.applied(server(2), value(2, 1, 'y')), { kind: 'apply-order' });
  });

  it('leader completeness: a later leader without a committed entry', () => {
    const checker = new Checker();
    checker.softState(0, { role: 'leader', leader: 0, term: 1, reconciling: false });
    checker.applied(server(0), value(1, 1, 'x'));
    checker.becameLeader(server(1, [value(1, 1, 'x')]), 2);
    assert.throws(() => checker.becameLeader(server(2, [value(1, 2, 'other')]), 2), {
      kind: 'leader-completeness',
    });
  });

  it('stale reads: confirmed below what was applied when the read was asked', () => {
    const checker = new Checker();
    checker.applied(server(0), value(1, 1, 'x'));
    checker.applied(server(0), value(2, 1, 'y'));
    checker.readRequested('r');
    checker.readConfirmed(0, { context: 'r', index: 2n });
    assert.throws(() => checker.readConfirmed(1, { context: 'r', index: 1n }), {
      kind: 'stale-read',
    });
  });
});
