import { OneKitError } from '@onekit/core';
import { federatedTableNames, validateOp, type WriteOp } from '../storage/index.js';

// Federated entries write only federated tables (users, groups, ACLs, zones, VDCs,
// marketplaces, apps, db_versioning) and the pool_control rows of those pools; local
// entries write everything else. A batch never mixes the two, because federated entries
// are the ones shipped to slave zones. logdb is the log store's own table.

function opIsFederated(op: WriteOp): boolean {
  const table = validateOp(op);
  if (table.scope === 'log') {
    throw new OneKitError('STORAGE', 'logdb is written only by the log store', { field: 'logdb' });
  }
  if (table.name !== 'pool_control') return table.scope === 'federated';
  const tablename =
    op.op === 'insert' || op.op === 'replace' ? op.row.tablename : op.where.tablename;
  if (typeof tablename !== 'string') {
    throw new OneKitError('STORAGE', 'a pool_control write must name its tablename', {
      field: 'pool_control.tablename',
    });
  }
  return federatedTableNames.has(tablename);
}

/** Checks every op against the schema and that all of them belong to the entry's scope. */
export function checkEntryScope(
  ops: readonly WriteOp[],
  { federated }: { federated: boolean },
): void {
  for (const op of ops) {
    if (opIsFederated(op) !== federated) {
      const kind = federated ? 'a federated' : 'a local';
      throw new OneKitError('STORAGE', `${kind} entry cannot write ${op.table}`, {
        field: op.table,
      });
    }
  }
}
