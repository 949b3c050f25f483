// LogWindow, the Raft core's view of logdb: every term in memory, entries whole from the
// oldest unapplied one on plus a window of recent ones, a conflicting suffix replaced.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import type { ZoneLogEntry } from '../../src/ha/log-payload.js';
import { LogWindow } from '../../src/ha/log-window.js';
import { RaftEntryUnavailable } from '../../src/raft/index.js';
import { openDatabase, UINT64_MAX, type Database } from '../../src/storage/index.js';
import { encodeSqlcmd, LogStore } from '../../src/write-path/index.js';
import { backends } from '../storage/backends.js';
import { insertDocument } from '../support/documents.js';

const sqlite = backends.find((b) => b.name === 'sqlite')!;

const entry = (index: number, term: number): ZoneLogEntry => ({
  index: BigInt(index),
  term,
  data: {
    kind: 'data',
    value: { sqlcmd: encodeSqlcmd([insertDocument(index)]), fedIndex: UINT64_MAX },
  },
});

const terms = (w: LogWindow, lo: number, hi: number) =>
  Array.from({ length: hi - lo }, (_, i) => w.term(BigInt(lo + i)));

describe('ha/log-window', () => {
  let db: Database;
  let window: LogWindow;

  beforeEach(async () => {
    db = await openDatabase(await sqlite.freshConfig());
    await db.createSchema();
    window = await LogWindow.load(await LogStore.open(db, { clock: () => 0 }), { recent: 2 });
  });
  afterEach(() => db.close());

  it('holds appended entries and their terms', () => {
    window.appended([entry(1, 1), entry(2, 1)]);
    window.appended([entry(3, 2)]);
    assert.equal(window.lastIndex(), 3n);
    assert.deepEqual(terms(window, 0, 4), [0, 1, 1, 2]);
    assert.deepEqual(
      window.entries(1n, 4n).map((e) => [e.index, e.term]),
      [
        [1n, 1],
        [2n, 1],
        [3n, 2],
      ],
    );
    assert.throws(() => window.term(4n), RaftEntryUnavailable);
  });

  it('replaces a suffix from the first new entry on, dropping what followed it', () => {
    window.appended([entry(1, 1), entry(2, 1), entry(3, 1), entry(4, 1)]);
    const replacement = entry(2, 2);
    window.appended([replacement]);
    assert.equal(window.lastIndex(), 2n);
    assert.deepEqual(terms(window, 0, 3), [0, 1, 2]);
    assert.equal(window.entries(2n, 3n)[0], replacement);
    assert.throws(() => window.entries(3n, 4n), RaftEntryUnavailable);
    // Entries appended again after the cut are held, not the ones it dropped.
    const again = entry(3, 2);
    window.appended([again]);
    assert.equal(window.entries(3n, 4n)[0], again);
  });

  it('keeps only the most recent applied entries whole', () => {
    window.appended([1, 2, 3, 4, 5].map((i) => entry(i, 1)));
    window.appliedTo(4n);
    const held = window.entries(1n, 6n).map((e) => e.data?.kind === 'data' && e.data.value.sqlcmd);
    assert.deepEqual(
      held.map((sqlcmd) => sqlcmd !== undefined),
      [false, false, true, true, true],
      'two applied ones (recent = 2) and the unapplied one',
    );
    assert.deepEqual(terms(window, 1, 6), [1, 1, 1, 1, 1], 'every term stays');
  });
});
