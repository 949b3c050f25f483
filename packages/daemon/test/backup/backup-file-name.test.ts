import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { defaultBackupFile } from '../../src/backup/index.js';

describe('backup/backup-file-name', () => {
  // Local time, fields not padded, as oned's onedb names them.
  const now = new Date(2026, 0, 5, 3, 4, 5);

  it('names SQLite backups one.db_<date>_<time>.bck in the var directory', () => {
    const db = { backend: 'sqlite', file: '/x/one.db' } as const;
    assert.equal(
      defaultBackupFile({ db, kind: 'full', varDir: '/srv/one/var', now }),
      '/srv/one/var/one.db_2026-1-5_3:4:5.bck',
    );
    assert.equal(
      defaultBackupFile({ db, kind: 'federated', varDir: '/srv/one/var', now }),
      '/srv/one/var/one.db_federated_2026-1-5_3:4:5.bck',
    );
  });

  it('names MySQL backups mysql_<server>_<db>_<date>_<time>.sql', () => {
    const db = { backend: 'mysql', server: 'db1', user: 'u', dbName: 'opennebula' } as const;
    assert.equal(
      defaultBackupFile({ db, kind: 'full', varDir: '/var/lib/one', now }),
      '/var/lib/one/mysql_db1_opennebula_2026-1-5_3:4:5.sql',
    );
    assert.equal(
      defaultBackupFile({ db, kind: 'federated', varDir: '/var/lib/one', now }),
      '/var/lib/one/mysql_db1_opennebula_federated_2026-1-5_3:4:5.sql',
    );
  });
});
