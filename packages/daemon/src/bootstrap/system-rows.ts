// The rows of oned's system tables a new database starts with: the schema version rows
// (oid 0) of the federated and local tables, and the empty default quotas.
import type { WriteOp } from '../storage/index.js';
import { EMPTY_QUOTAS } from '../pools/user/index.js';
import { LOCAL_DB_VERSION, SHARED_DB_VERSION, bootstrapComment } from '../version/index.js';

export function sharedVersionRow(epochSeconds: number): WriteOp {
  return {
    op: 'insert',
    table: 'db_versioning',
    row: {
      oid: 0,
      version: SHARED_DB_VERSION,
      timestamp: epochSeconds,
      comment: bootstrapComment(),
    },
  };
}

/** is_slave: whether the server ran as a federation slave when it bootstrapped. */
export function localVersionRow(epochSeconds: number, { isSlave }: { isSlave: boolean }): WriteOp {
  return {
    op: 'insert',
    table: 'local_db_versioning',
    row: {
      oid: 0,
      version: LOCAL_DB_VERSION,
      timestamp: epochSeconds,
      comment: bootstrapComment(),
      is_slave: isSlave ? 1 : 0,
    },
  };
}

export function defaultQuotaRows(): WriteOp[] {
  return (['DEFAULT_USER_QUOTAS', 'DEFAULT_GROUP_QUOTAS'] as const).map((name) => ({
    op: 'insert',
    table: 'system_attributes',
    row: { name, body: `<${name}>${EMPTY_QUOTAS}</${name}>` },
  }));
}
