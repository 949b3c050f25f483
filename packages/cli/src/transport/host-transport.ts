// The one way OneKit's commands touch a host, whatever carries the request: the host's
// agent over HTTP, SSH (sftp plus the agent's one-shot mode) or this machine directly.
import type { Buffer } from 'node:buffer';

/** One file under a synced root, as the host's inventory reports it. */
export interface HostFile {
  /** Path relative to the listed root, with `/` separators. */
  readonly path: string;
  readonly kind: 'file' | 'symlink';
  readonly size: number;
  /** Permission bits, e.g. 0o640. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Hex SHA-256 of the content; for a link, of its target text. */
  readonly sha256: string;
  /** Where a symbolic link points, as written. */
  readonly target?: string;
}

export interface WriteFileOptions {
  /** Permission bits of the new file; the old file's (or 0o644) when absent. */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  /** Directory (absolute) where the replaced file is copied first; no backup when absent. */
  readonly backupDir?: string;
}

export interface WriteFileResult {
  /** Where the old content went; absent when there was no old file or no backupDir. */
  readonly backup?: string;
}

export type ServiceAction = 'start' | 'stop' | 'restart' | 'try-restart' | 'status';

export interface ServiceResult {
  readonly service: string;
  readonly action: ServiceAction;
  /** After the action: running or not, as the service manager reports it. */
  readonly active: boolean;
  /** Which manager did it: systemd, or the agent's own supervisor. */
  readonly manager: 'systemd' | 'supervisor';
}

export interface DatabaseBackupResult {
  /** Absolute path of the backup file on the host. */
  readonly file: string;
}

export interface DatabaseUpgradeResult {
  /** What onedb upgrade printed on stdout. */
  readonly output: string;
}

export interface HostVersions {
  readonly onekit: string;
  /** Schema versions of the host's database: shared (federated) and local tables. */
  readonly schema?: { readonly shared: string; readonly local: string };
  readonly os: { readonly platform: string; readonly release: string; readonly name?: string };
}

/** Where the host keeps OneKit's files (its resolved ONE_LOCATION or system-wide layout). */
export interface HostPaths {
  /** Configuration directory (/etc/one, or $ONE_LOCATION/etc). */
  readonly etc: string;
  /** State directory (/var/lib/one, or $ONE_LOCATION/var). */
  readonly var: string;
  readonly log: string;
  readonly remotes: string;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HostTransport {
  /** How the host is named in messages (address or name). */
  readonly host: string;
  readonly kind: 'agent' | 'ssh' | 'local';
  /** Every file below `root` (absolute), sorted by path; symbolic links are not followed. */
  listFiles(root: string): Promise<HostFile[]>;
  /** Content of one file (absolute path). */
  readFile(file: string): Promise<Buffer>;
  /** Replaces a file atomically (temporary name, fsync, rename), after backing up the old one. */
  writeFile(file: string, content: Buffer, options?: WriteFileOptions): Promise<WriteFileResult>;
  /** Deletes a file (absolute path), after backing it up when backupDir is given. */
  removeFile(file: string, options?: { readonly backupDir?: string }): Promise<WriteFileResult>;
  service(action: ServiceAction, name: string): Promise<ServiceResult>;
  /** A database backup through `onedb backup` on the host (arguments as onedb takes them). */
  backupDatabase(args: readonly string[]): Promise<DatabaseBackupResult>;
  /** `onedb restore -f <file>` on the host, with further onedb arguments. */
  restoreDatabase(file: string, args: readonly string[]): Promise<void>;
  /** `onedb upgrade` on the host (its daemon stopped), with further onedb arguments. */
  upgradeDatabase(args: readonly string[]): Promise<DatabaseUpgradeResult>;
  /** `onedb reown <log>` on the host (its daemon stopped): the import log applied to local objects. */
  reownDatabase(log: string): Promise<DatabaseUpgradeResult>;
  versions(): Promise<HostVersions>;
  paths(): Promise<HostPaths>;
  /** Releases connections. */
  close(): Promise<void>;
}
