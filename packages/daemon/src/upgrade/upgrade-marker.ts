// On MySQL an upgrade is not one transaction (every DDL statement commits), so a killed
// `onedb upgrade` could leave a database half-way between two schemas. Before its first
// change it commits a system_attributes row ONEDB_UPGRADE naming the backup, and removes it
// in the same transaction as its last version row. While the row exists the daemon refuses
// to start and `onedb version` reports the interruption; `onedb upgrade` run again carries
// on (migrators are safe to rerun), or `onedb restore -f <backup>` goes back.
import { escapeXml } from '@onekit/core';
import type { Row, SqlValue, WriteOp } from '../storage/index.js';

export const UPGRADE_MARKER = 'ONEDB_UPGRADE';

export interface UpgradeMarker {
  /** The backup taken before the upgrade; absent with --no-backup. */
  readonly backup?: string;
  /** Seconds since the epoch. */
  readonly started: number;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};

export function upgradeMarkerWrite(marker: UpgradeMarker): WriteOp {
  const backup = marker.backup === undefined ? '' : `<BACKUP>${escapeXml(marker.backup)}</BACKUP>`;
  return {
    op: 'replace',
    table: 'system_attributes',
    row: {
      name: UPGRADE_MARKER,
      body: `<${UPGRADE_MARKER}>${backup}<STARTED>${marker.started}</STARTED></${UPGRADE_MARKER}>`,
    },
  };
}

export const clearUpgradeMarker: WriteOp = {
  op: 'delete',
  table: 'system_attributes',
  where: { name: UPGRADE_MARKER },
};

/** The marker of an interrupted upgrade; the database's local tables must exist. */
export async function readUpgradeMarker(reader: {
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}): Promise<UpgradeMarker | undefined> {
  const [row] = await reader.query('SELECT body FROM system_attributes WHERE name = ?', [
    UPGRADE_MARKER,
  ]);
  if (!row) return undefined;
  const body = String(row.body);
  const backup = /<BACKUP>([^<]*)<\/BACKUP>/.exec(body)?.[1];
  return {
    ...(backup !== undefined && {
      backup: backup.replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]!),
    }),
    started: Number(/<STARTED>(\d+)<\/STARTED>/.exec(body)?.[1] ?? 0),
  };
}

/** What to do about an interrupted upgrade, for the daemon's refusal and `onedb version`. */
export function interruptedUpgradeAdvice(marker: UpgradeMarker): string {
  const restore = marker.backup ? `restore ${marker.backup} (onedb restore -f) or ` : '';
  return `A database upgrade was interrupted: ${restore}run onedb upgrade again`;
}
