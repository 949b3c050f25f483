import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { BackupResult, RestoreResult, VersionReport } from '@onekit/daemon';
import { backupFileOf as agentBackupFile } from '@onekit/agent';
import {
  formatVersionTime,
  renderBackup,
  renderHistory,
  renderRestore,
  renderVersion,
} from '../../src/onedb/index.js';

// Local time, as oned's onedb prints it: the expectations are built from local fields too.
const at = (month: number, day: number, h: number, m: number, s: number) =>
  new Date(2026, month - 1, day, h, m, s).getTime() / 1000;

const row = (version: string, comment: string, isSlave?: boolean) => ({
  oid: 0,
  version,
  timestamp: at(3, 4, 5, 6, 7),
  comment,
  ...(isSlave === undefined ? {} : { isSlave }),
});

const report = (
  status: 0 | 1 | 2 | 3,
  shared: string,
  local: string,
  isSlave = false,
): VersionReport => ({
  status,
  database: '/var/lib/one/one.db',
  shared: row(shared, 'bootstrap'),
  local: row(local, 'local bootstrap', isSlave),
  required: { shared: '7.6.0', local: '7.6.0' },
});

describe('onedb/onedb-text', () => {
  it('prints versioning times as %m/%d %H:%M:%S', () => {
    assert.equal(formatVersionTime(at(1, 5, 3, 4, 5)), '01/05 03:04:05');
    assert.equal(formatVersionTime(at(12, 31, 23, 59, 58)), '12/31 23:59:58');
  });

  it('prints four lines for onedb version, and what a mismatch means', () => {
    assert.equal(
      renderVersion(report(0, '7.6.0', '7.6.0'), { verbose: false }),
      'Shared: 7.6.0\nLocal:  7.6.0\nRequired shared version: 7.6.0\nRequired local version:  7.6.0\n',
    );
    assert.equal(
      renderVersion(report(2, '7.4.0', '7.6.0'), { verbose: false }),
      'Shared: 7.4.0\nLocal:  7.6.0\nRequired shared version: 7.6.0\nRequired local version:  7.6.0\n' +
        '\nUpdate required. Expected DB version is:\nLocal:  7.6.0\nShared: 7.6.0\n',
    );
    assert.match(
      renderVersion(report(3, '7.8.0', '7.6.0'), { verbose: false }),
      /\n\nWARNING: .*lower than the DB version\n$/,
    );
    assert.equal(
      renderVersion({ ...report(1, '7.6.0', '7.6.0'), local: undefined }, { verbose: false }),
      '',
    );
  });

  it('prints a block per part with -v, and says when the database is a slave', () => {
    assert.equal(
      renderVersion(report(0, '7.6.0', '7.6.0', true), { verbose: true }),
      'Shared tables version:   7.6.0\n' +
        'Required version:        7.6.0\n' +
        'Timestamp: 03/04 05:06:07\n' +
        'Comment:   bootstrap\n' +
        '\n' +
        'Local tables version:    7.6.0\n' +
        'Required version:        7.6.0\n' +
        'Timestamp: 03/04 05:06:07\n' +
        'Comment:   local bootstrap\n' +
        '\n' +
        'This database is a federation slave\n' +
        '\n',
    );
  });

  it('prints a block per db_versioning row for onedb history', () => {
    assert.equal(
      renderHistory([row('7.4.0', 'first'), { ...row('7.6.0', 'second'), oid: 1 }]),
      'Version:   7.4.0\nTimestamp: 03/04 05:06:07\nComment:   first\n\n' +
        'Version:   7.6.0\nTimestamp: 03/04 05:06:07\nComment:   second\n\n',
    );
    assert.equal(renderHistory([]), '');
  });

  it('names the backup file on a line the agent reads it from', () => {
    const result: BackupResult = {
      file: '/var/lib/one/one.db_2026-3-4_5:6:7.bck',
      kind: 'full',
      backend: 'sqlite',
      database: '/var/lib/one/one.db',
      shared: '7.6.0',
      local: '7.6.0',
      rows: { user_pool: 2, logdb: 10 },
      sha256: 'ab',
    };
    const text = renderBackup(result, { verbose: false });
    assert.equal(
      text,
      'Sqlite database backup stored in /var/lib/one/one.db_2026-3-4_5:6:7.bck\n' +
        "Use 'onedb restore' to restore the DB.\n",
    );
    assert.equal(agentBackupFile(text), result.file);
    const mysql = {
      ...result,
      backend: 'mysql' as const,
      file: '/var/lib/one/mysql_db_one_federated_2026-3-4_5:6:7.sql',
      kind: 'federated' as const,
    };
    const verbose = renderBackup(mysql, { verbose: true });
    assert.equal(
      verbose,
      `MySQL dump stored in ${mysql.file}\n  user_pool 2\n  logdb     10\nUse 'onedb restore' to restore the DB.\n`,
    );
    assert.equal(agentBackupFile(verbose), mysql.file);
    assert.match(
      renderBackup({ ...result, kind: 'federated' }, { verbose: false }),
      /^Sqlite database backup of federated tables stored in \//,
    );
  });

  it('says what was restored, as oned onedb does', () => {
    const result: RestoreResult = {
      file: '/b.bck',
      kind: 'full',
      federated: false,
      backend: 'sqlite',
      database: '/var/lib/one/one.db',
      rows: { user_pool: 2 },
    };
    assert.equal(
      renderRestore(result, { verbose: false }),
      'Sqlite database backup restored in /var/lib/one/one.db\n',
    );
    assert.equal(
      renderRestore(
        { ...result, backend: 'mysql', database: 'opennebula at db1', federated: true },
        { verbose: true },
      ),
      'MySQL DB opennebula at db1 restored. (federated tables only)\n  user_pool 2\n',
    );
  });
});
