// What onedb fsck, sqlite2mysql, mysql2sqlite and import-slave print for people.
import type { ConvertResult, FsckResult, ImportSlaveResult } from '@onekit/daemon';

export function renderFsck(result: FsckResult): string {
  let text = result.backup ? `Database backup stored in ${result.backup}\n` : '';
  for (const problem of result.problems) {
    text += `${problem.message}${problem.fixable ? '' : ' (not fixed: repair it by hand)'}\n`;
  }
  text += `\nTotal errors found: ${result.problems.length}\n`;
  if (result.dry) {
    if (result.problems.length > 0) text += 'Nothing was changed (--dry).\n';
  } else {
    text += `Total errors fixed: ${result.fixed}\n`;
  }
  return text;
}

export function renderConvert(result: ConvertResult, o: { verbose: boolean }): string {
  const copies = Object.entries(result.tables);
  const rows = copies.reduce((sum, [, copy]) => sum + copy.rows, 0);
  let text = result.backup ? `Database backup stored in ${result.backup}\n` : '';
  if (o.verbose) {
    const width = Math.max(...copies.map(([table]) => table.length));
    for (const [table, copy] of copies) {
      text += `  ${table.padEnd(width)} ${String(copy.rows).padStart(9)} ${copy.checksum}\n`;
    }
  }
  for (const table of result.skipped) text += `Table ${table} is not OneKit's: not copied\n`;
  text +=
    `${result.from.database} copied to ${result.to.database}: ` +
    `${copies.length} tables, ${rows} rows, row counts and checksums verified.\n`;
  return text;
}

export function renderImportSlave(result: ImportSlaveResult): string {
  const changed = [...result.groups, ...result.users].filter((o) => o.action !== 'system');
  const count = (action: string) => changed.filter((o) => o.action === action).length;
  return (
    `Master database backup stored in ${result.backups.master}\n` +
    `Slave database backup stored in ${result.backups.slave}\n` +
    `${result.slave} imported into ${result.master} as zone ${result.zoneId}: ` +
    `${count('new')} new, ${count('merged')} merged, ${count('renamed')} renamed users and groups, ` +
    `${result.aclRules} ACL rules.\n` +
    `New ids and names written to ${result.logFile}\n` +
    "Next: 'onedb backup --federated' here, 'onedb restore --federated' on the slave zone.\n"
  );
}
