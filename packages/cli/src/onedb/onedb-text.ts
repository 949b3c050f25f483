// What the onedb commands print for people, in the layout of oned's onedb.
import type {
  BackupResult,
  RestoreResult,
  UpgradeResult,
  VersionReport,
  VersionRow,
} from '@onekit/daemon';

const two = (n: number) => String(n).padStart(2, '0');

/** A versioning timestamp (seconds) as oned's onedb prints it: %m/%d %H:%M:%S, local time. */
export function formatVersionTime(seconds: number): string {
  const t = new Date(seconds * 1000);
  return (
    `${two(t.getMonth() + 1)}/${two(t.getDate())} ` +
    `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`
  );
}

function rowCounts(rows: Readonly<Record<string, number>>): string {
  const width = Math.max(...Object.keys(rows).map((t) => t.length));
  return Object.entries(rows)
    .map(([table, count]) => `  ${table.padEnd(width)} ${count}\n`)
    .join('');
}

/** "... stored in <file>": scripts (and the OneKit agent) read the file name from this line. */
export function renderBackup(result: BackupResult, o: { verbose: boolean }): string {
  const what =
    result.backend === 'mysql'
      ? 'MySQL dump'
      : result.kind === 'federated'
        ? 'Sqlite database backup of federated tables'
        : 'Sqlite database backup';
  return (
    `${what} stored in ${result.file}\n` +
    (o.verbose ? rowCounts(result.rows) : '') +
    "Use 'onedb restore' to restore the DB.\n"
  );
}

export function renderRestore(result: RestoreResult, o: { verbose: boolean }): string {
  const line =
    result.backend === 'mysql'
      ? `MySQL DB ${result.database} restored.`
      : `Sqlite database backup restored in ${result.database}`;
  const scope = result.federated ? ' (federated tables only)' : '';
  return `${line}${scope}\n` + (o.verbose ? rowCounts(result.rows) : '');
}

function versionBlock(title: string, row: VersionRow, required: string): string {
  return (
    `${`${title} tables version:`.padEnd(25)}${row.version}\n` +
    `${'Required version:'.padEnd(25)}${required}\n` +
    `Timestamp: ${formatVersionTime(row.timestamp)}\n` +
    `Comment:   ${row.comment}\n`
  );
}

/** onedb version: four lines, or with -v a block per part; then what the status means. */
export function renderVersion(report: VersionReport, o: { verbose: boolean }): string {
  const { shared, local, required } = report;
  if (!shared || !local) return '';
  let text: string;
  if (o.verbose) {
    text =
      versionBlock('Shared', shared, required.shared) +
      '\n' +
      versionBlock('Local', local, required.local) +
      (local.isSlave ? '\nThis database is a federation slave\n' : '') +
      '\n';
  } else {
    text =
      `Shared: ${shared.version}\n` +
      `Local:  ${local.version}\n` +
      `Required shared version: ${required.shared}\n` +
      `Required local version:  ${required.local}\n`;
  }
  if (report.status === 2) {
    text +=
      '\nUpdate required. Expected DB version is:\n' +
      `Local:  ${required.local}\nShared: ${required.shared}\n`;
  }
  if (report.status === 3) text += "\nWARNING: OneKit's version is lower than the DB version\n";
  if (report.interruptedUpgrade) {
    const { backup } = report.interruptedUpgrade;
    text +=
      '\nAn upgrade of this database was interrupted: ' +
      (backup ? `restore ${backup} (onedb restore -f) or ` : '') +
      'run onedb upgrade again.\n';
  }
  return text;
}

/** onedb history: one block per db_versioning row. */
export function renderHistory(rows: readonly VersionRow[]): string {
  return rows
    .map(
      (row) =>
        `Version:   ${row.version}\n` +
        `Timestamp: ${formatVersionTime(row.timestamp)}\n` +
        `Comment:   ${row.comment}\n\n`,
    )
    .join('');
}

/** onedb upgrade: oned's closing line, after the versions each part went through. */
export function renderUpgrade(result: UpgradeResult): string {
  if (!result.upgraded) return 'Database schema is up to date.\n';
  const shared = result.slave
    ? `Shared: ${result.shared.from} (federation slave: upgraded on the master)\n`
    : `Shared: ${result.shared.from} -> ${result.shared.to}\n`;
  return `${shared}Local:  ${result.local.from} -> ${result.local.to}\nDatabase migrated successfully.\n`;
}
