// The rules the zone trials apply to reads that may lag (a follower's): old state is
// fine, state that never existed is not, and one client reading one server never sees it
// go back.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { checkLaggingReads } from '../support/zone-trial/lagging-reads.js';
import type { TrialOp } from '../support/zone-trial/trial-history.js';

const write = (value: string, invoked: number, o: Partial<TrialOp> = {}): TrialOp => ({
  model: 'register',
  op: 'write',
  key: 'r0',
  client: 'w',
  server: 0,
  value,
  invoked,
  returned: invoked + 1,
  outcome: 'ok',
  ...o,
});

const read = (value: unknown, invoked: number, o: Partial<TrialOp> = {}): TrialOp => ({
  model: 'register',
  op: 'read',
  key: 'r0',
  client: 'r',
  server: 1,
  role: 'follower',
  value,
  invoked,
  returned: invoked + 1,
  outcome: 'ok',
  ...o,
});

const add = (invoked: number, outcome: TrialOp['outcome'] = 'ok'): TrialOp => ({
  model: 'counter',
  op: 'add',
  key: 'groups',
  client: 'w',
  server: 0,
  value: 1,
  invoked,
  returned: invoked + 1,
  outcome,
});

const count = (value: number, invoked: number, o: Partial<TrialOp> = {}): TrialOp => ({
  ...read(value, invoked, o),
  model: 'counter',
  key: 'groups',
});

const whys = (ops: TrialOp[]) => checkLaggingReads(ops).map((p) => p.why);

describe('zone-trial/lagging-reads', () => {
  it('accepts old state: a follower may lag behind any write', () => {
    const ops = [
      write('a', 0),
      write('b', 10),
      read(null, 20),
      read('a', 30),
      read('b', 40),
      read('b', 50),
    ];
    assert.deepEqual(whys(ops), []);
  });

  it('accepts the value of a write whose outcome is unknown', () => {
    assert.deepEqual(whys([write('a', 0, { outcome: 'unknown' }), read('a', 5)]), []);
  });

  it('refuses values never written, written by a failed write, or written later', () => {
    assert.deepEqual(whys([read('ghost', 0)]), ['shows a value never written']);
    assert.deepEqual(whys([write('a', 0, { outcome: 'fail' }), read('a', 5)]), [
      'shows the value of a failed write',
    ]);
    assert.deepEqual(whys([read('a', 0), write('a', 5)]), ['shows a value written after it']);
  });

  it('refuses one client seeing one server go back', () => {
    const ops = [write('a', 0), write('b', 10), read('b', 20), read('a', 30)];
    assert.deepEqual(whys(ops), ['shows a after b, written later']);
    assert.deepEqual(whys([write('a', 0), read('a', 20), read(null, 30)]), [
      'shows null after a, written later',
    ]);
    const revisit = [write('a', 0, { outcome: 'unknown' }), write('b', 0, { outcome: 'unknown' })];
    assert.deepEqual(whys([...revisit, read('a', 5), read('b', 6), read('a', 7)]), [
      'goes back to a',
    ]);
  });

  it('lets another client or another server be behind', () => {
    const ops = [
      write('a', 0),
      write('b', 10),
      read('b', 20),
      read('a', 30, { server: 2 }),
      read('a', 40, { client: 'q' }),
    ];
    assert.deepEqual(whys(ops), []);
  });

  it('bounds a counter by the adds made, and keeps it moving forward per client and server', () => {
    assert.deepEqual(
      whys([add(0), add(2, 'unknown'), add(3, 'fail'), count(0, 4), count(2, 5)]),
      [],
    );
    assert.deepEqual(whys([add(0), count(2, 5)]), ['shows 2 while at most 1 adds were made']);
    assert.deepEqual(whys([add(0), add(1), count(2, 5), count(1, 6)]), ['goes back from 2']);
    assert.deepEqual(whys([add(0), add(1), count(2, 5), count(1, 6, { server: 2 })]), []);
  });
});
