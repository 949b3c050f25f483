import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'mocha';
import { openDatabase } from '../../src/storage/index.js';
import { LogStore } from '../../src/write-path/index.js';
import { scratchDir } from '../storage/backends.js';

const CHILD = join(import.meta.dirname, 'fixtures', 'commit-loop.ts');
const ACKS_BEFORE_KILL = 300;
const ROUNDS = 3;

/** Runs the commit loop until it has acknowledged `count` commits, then kills it with SIGKILL. */
function commitThenKill(
  file: string,
  firstOid: number,
  count: number,
): Promise<Map<bigint, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(firstOid)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = new Map<bigint, number>();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [index, oid] = line.split(' ');
      acked.set(BigInt(index!), Number(oid));
      if (acked.size === count) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`commit loop exited with ${code}: ${stderr}`));
    });
  });
}

describe('write-path/crash on sqlite', () => {
  it('keeps every acknowledged commit of a process killed with SIGKILL, round after round', async function () {
    this.timeout(120_000);
    const file = join(scratchDir(), 'crash.db');
    const acked = new Map<bigint, number>();
    for (let round = 0; round < ROUNDS; round++) {
      // Each round reopens what the previous kill left behind and carries on.
      for (const [index, oid] of await commitThenKill(file, round * 1_000_000, ACKS_BEFORE_KILL)) {
        assert.ok(!acked.has(index), `index ${index} acknowledged twice`);
        acked.set(index, oid);
      }
    }
    assert.ok(acked.size >= ROUNDS * ACKS_BEFORE_KILL);

    const db = await openDatabase({ backend: 'sqlite', file });
    try {
      const log = await LogStore.open(db, { clock: Date.now });
      const records = await log.entries(1n, log.lastIndex + 1n);
      // Entries the child committed but had not yet printed may follow; none may be missing.
      assert.deepEqual(
        records.map((r) => r.index),
        Array.from({ length: records.length }, (_, i) => BigInt(i + 1)),
      );
      assert.ok(records.every((r) => r.applied));
      const documents = new Map(
        (await db.query('SELECT oid FROM document_pool')).map(
          (r) => [Number(r.oid), true] as const,
        ),
      );
      assert.equal(documents.size, records.length, 'one document per entry, no more, no less');
      for (const [index, oid] of acked) {
        assert.ok(index <= log.lastIndex, `acknowledged entry ${index} is in the log`);
        const [op] = records[Number(index) - 1]!.ops;
        assert.ok(op?.op === 'insert');
        assert.equal(op.row.oid, oid, `entry ${index} holds the write it acknowledged`);
        assert.ok(documents.has(oid), `document ${oid} of entry ${index} is in its table`);
      }
    } finally {
      await db.close();
    }
  });
});
