// Default backup file names, as oned's onedb makes them: in the var directory, with the
// date and time in local time, fields not zero-padded.
//   SQLite: one.db_[federated_]<Y>-<M>-<D>_<h>:<m>:<s>.bck
//   MySQL:  mysql_<server>_<dbname>_[federated_]<Y>-<M>-<D>_<h>:<m>:<s>.sql
import { posix } from 'node:path';
import type { DbConfig } from '../storage/index.js';
import type { BackupKind } from './backup-format.js';

export interface BackupFileNameOptions {
  readonly db: DbConfig;
  readonly kind: BackupKind;
  /** The var directory of the layout. */
  readonly varDir: string;
  readonly now: Date;
}

export function defaultBackupFile(o: BackupFileNameOptions): string {
  const t = o.now;
  const stamp =
    `${t.getFullYear()}-${t.getMonth() + 1}-${t.getDate()}_` +
    `${t.getHours()}:${t.getMinutes()}:${t.getSeconds()}`;
  const federated = o.kind === 'federated' ? 'federated_' : '';
  const name =
    o.db.backend === 'sqlite'
      ? `one.db_${federated}${stamp}.bck`
      : `mysql_${o.db.server}_${o.db.dbName}_${federated}${stamp}.sql`;
  return posix.join(o.varDir, name);
}
