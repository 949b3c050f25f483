// A digest of everything a server has applied: every row of every table but logdb, in
// primary-key order, values written as text. The rows that are a server's own (its Raft
// vote, the last check's result) are left out, so servers that applied the same entries
// have the same digest whatever happened to each.
import { createHash } from 'node:crypto';
import type { StorageReader } from '../storage/index.js';
import { tables } from '../storage/schema/tables.js';

/** system_attributes rows that differ between servers of one zone by design. */
const OWN_ROWS = new Set(['RAFT_STATE', 'STATE_CHECK']);

export async function stateHash(reader: StorageReader): Promise<string> {
  const hash = createHash('sha256');
  for (const table of tables) {
    if (table.scope === 'log') continue;
    const columns = table.columns.map((c) => c.name);
    const rows = await reader.query(
      `SELECT ${columns.join(', ')} FROM ${table.name} ORDER BY ${table.primaryKey.join(', ')}`,
    );
    hash.update(`${table.name}\n`);
    for (const row of rows) {
      if (table.name === 'system_attributes' && OWN_ROWS.has(String(row.name))) continue;
      hash.update(columns.map((c) => (row[c] === null ? '\\N' : String(row[c]))).join('\t'));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
