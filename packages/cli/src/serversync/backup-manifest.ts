// The record of one sync, kept beside the copies of the files it replaced or removed:
// `<var>/backups/serversync/<id>/manifest.json`. It is written before the first file is
// touched and after each one, so a sync that stops half-way says exactly what it did, and
// rollback can undo it.
import { OneKitError } from '@onekit/core';
import { posix } from 'node:path';
import type { HostFile } from '../transport/host-transport.js';
import type { SyncPlan } from './plan.js';
import { isSyncRelease, type SyncRelease } from './sync-list.js';

export const manifestFormat = 1;
export const manifestName = 'manifest.json';

/** Where the copies of old files go, inside a backup directory. */
const copiesDir = 'files';

/** The directory holding every serversync backup of a host, below its state directory. */
export function backupsRoot(varDir: string): string {
  return posix.join(varDir, 'backups', 'serversync');
}

export function backupDir(varDir: string, id: string): string {
  return posix.join(backupsRoot(varDir), id);
}

/** What a file was (or became): enough to put it back exactly. */
export interface FileMeta {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly sha256: string;
}

export interface ManifestFile {
  /** Relative to the configuration directory. */
  readonly path: string;
  /** replace: there was a file and a new one took its place; add: there was none. */
  readonly action: 'replace' | 'add' | 'remove';
  /** pending until the file is written or removed; the copy is taken before that. */
  readonly state: 'pending' | 'done';
  /** The copy of the old file, relative to the backup directory (replace, remove). */
  readonly backup?: string;
  readonly before?: FileMeta;
  readonly after?: FileMeta;
  readonly services: readonly string[];
}

export type ManifestState = 'running' | 'complete' | 'rolled-back';

export interface RestartRecord {
  readonly service: string;
  readonly active?: boolean;
  /** Why the try-restart failed, when it did. */
  readonly error?: string;
}

export interface BackupManifest {
  readonly format: typeof manifestFormat;
  readonly id: string;
  /** ISO 8601, UTC. */
  readonly created: string;
  readonly server: string;
  readonly release: SyncRelease;
  /** This host's configuration directory, which the paths are relative to. */
  readonly etc: string;
  readonly state: ManifestState;
  readonly files: readonly ManifestFile[];
  /** Services to try-restart once every file is done. */
  readonly services: readonly string[];
  readonly restarted?: readonly RestartRecord[];
  readonly rolledBack?: string;
}

export type Rng = () => number;

/** `<UTC yyyymmddThhmmssZ>-<6 hex>`: sorts by time, and two runs in a second differ. */
export function backupId(now: Date, rng: Rng): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const random = Math.floor(rng() * 0x1000000)
    .toString(16)
    .padStart(6, '0');
  return `${stamp}-${random}`;
}

const idPattern = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

export function isBackupId(value: string): boolean {
  return idPattern.test(value);
}

export function metaOf(file: HostFile): FileMeta {
  return { mode: file.mode, uid: file.uid, gid: file.gid, size: file.size, sha256: file.sha256 };
}

/** The manifest of a sync about to start: every change of the plan, pending. */
export function startManifest(o: { id: string; created: Date; plan: SyncPlan }): BackupManifest {
  const files = o.plan.files
    .filter((f) => f.action === 'write' || f.action === 'remove')
    .map((f): ManifestFile => {
      const action = f.action === 'remove' ? 'remove' : f.here ? 'replace' : 'add';
      return {
        path: f.path,
        action,
        state: 'pending',
        ...(f.here ? { backup: `${copiesDir}/${f.path}`, before: metaOf(f.here) } : {}),
        ...(action !== 'remove' && f.there ? { after: metaOf(f.there) } : {}),
        services: f.services,
      };
    });
  return {
    format: manifestFormat,
    id: o.id,
    created: o.created.toISOString(),
    server: o.plan.server,
    release: o.plan.release,
    etc: o.plan.here.etc,
    state: 'running',
    files,
    services: o.plan.services,
  };
}

/** The manifest with one file marked done (and what it became, when known then). */
export function fileDone(manifest: BackupManifest, path: string, after?: FileMeta): BackupManifest {
  return {
    ...manifest,
    files: manifest.files.map((f) =>
      f.path === path ? { ...f, state: 'done', ...(after ? { after } : {}) } : f,
    ),
  };
}

export function manifestJson(manifest: BackupManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A manifest read back; anything malformed is CONFIG_INVALID naming the file. */
export function parseManifest(text: string, file: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(file, 'is not JSON', { cause: err });
  }
  const m = value as Partial<BackupManifest> | null;
  if (typeof m !== 'object' || m === null) throw invalid(file, 'is not an object');
  if (m.format !== manifestFormat)
    throw invalid(file, `has format ${String(m.format)}`, { field: 'format' });
  for (const field of ['id', 'created', 'server', 'etc', 'state'] as const) {
    if (typeof m[field] !== 'string') throw invalid(file, `has no ${field}`, { field });
  }
  if (typeof m.release !== 'string' || !isSyncRelease(m.release)) {
    throw invalid(file, 'names no known release', { field: 'release' });
  }
  if (!Array.isArray(m.files) || !m.files.every(isManifestFile)) {
    throw invalid(file, 'has a malformed files list', { field: 'files' });
  }
  if (!Array.isArray(m.services) || !m.services.every((s) => typeof s === 'string')) {
    throw invalid(file, 'has a malformed services list', { field: 'services' });
  }
  return m as BackupManifest;
}

function isManifestFile(value: unknown): value is ManifestFile {
  const f = value as Partial<ManifestFile> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.path === 'string' &&
    !f.path.split('/').includes('..') &&
    (f.action === 'replace' || f.action === 'add' || f.action === 'remove') &&
    (f.state === 'pending' || f.state === 'done') &&
    (f.action === 'add' || (typeof f.backup === 'string' && isMeta(f.before))) &&
    Array.isArray(f.services)
  );
}

function isMeta(value: unknown): value is FileMeta {
  const m = value as Partial<FileMeta> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    [m.mode, m.uid, m.gid, m.size].every((n) => Number.isInteger(n)) &&
    typeof m.sha256 === 'string'
  );
}

function invalid(file: string, what: string, o: { field?: string; cause?: unknown } = {}) {
  return new OneKitError(
    'CONFIG_INVALID',
    `backup manifest ${file} ${what}`,
    { file, ...(o.field ? { field: o.field } : {}) },
    o.cause === undefined ? undefined : { cause: o.cause },
  );
}
