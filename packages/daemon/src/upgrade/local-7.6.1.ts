// Local 7.6.0 → 7.6.1: logdb gets one form of the "local record" sentinel and an index for
// the log purge.
// - A database carried over from oned can hold the sentinel as the REAL 1.8446744073709552e19
//   on SQLite (oned's own write of UINT64_MAX), and a NULL fed_index reads as local to the
//   federated backup filter but as federated to the purge: both become UINT64_MAX, which
//   every reader compares by equality.
// - purge_idx (applied, fed_index, log_index) serves the purge's "newest applied entries of
//   each kind", which otherwise scans the log on every server at every purge.
import { UINT64_MAX } from '../storage/index.js';
import type { Migrator } from './migrator.js';

/** Above every signed 64-bit integer's neighbourhood: only the REAL sentinel compares higher. */
const REAL_SENTINEL_FLOOR = 9.2e18;

export const local760To761: Migrator = {
  from: '7.6.0',
  to: '7.6.1',
  description: 'logdb: one form for the local-record sentinel, and the purge index purge_idx',
  async migrate(tx) {
    await tx.run({
      op: 'update',
      table: 'logdb',
      set: { fed_index: UINT64_MAX },
      where: { fed_index: null },
    });
    if (tx.backend === 'sqlite') {
      await tx.run({
        op: 'update',
        table: 'logdb',
        set: { fed_index: UINT64_MAX },
        where: { fed_index: { gt: REAL_SENTINEL_FLOOR } },
      });
    }
    await tx.createIndex('logdb', {
      name: 'purge_idx',
      columns: ['applied', 'fed_index', 'log_index'],
    });
  },
};
