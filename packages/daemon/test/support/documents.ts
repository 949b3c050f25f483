// The smallest object a write-path test or bench can store: one document_pool row.
import type { WriteOp } from '../../src/storage/index.js';

export function insertDocument(
  oid: number,
  { name = `doc${oid}`, body = '<DOCUMENT/>' }: { name?: string; body?: string } = {},
): WriteOp {
  return {
    op: 'insert',
    table: 'document_pool',
    row: { oid, name, body, type: 100, uid: 0, gid: 0, owner_u: 1, group_u: 0, other_u: 0 },
  };
}
