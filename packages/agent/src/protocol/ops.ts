// The operations an agent carries out, with the parameters each takes and the result it
// answers: one table shared by the HTTP API, the one-shot mode and every client. Binary
// content travels as base64 text.
import type { FileEntry } from '../files/inventory.js';

export type ServiceAction = 'start' | 'stop' | 'restart' | 'try-restart' | 'status';
export const serviceActions: readonly ServiceAction[] = [
  'start',
  'stop',
  'restart',
  'try-restart',
  'status',
];

export type ServiceManagerKind = 'systemd' | 'supervisor';

export interface ServiceResult {
  readonly service: string;
  readonly action: ServiceAction;
  /** After the action: running or not, as the service manager reports it. */
  readonly active: boolean;
  readonly manager: ServiceManagerKind;
}

export interface VersionsResult {
  readonly onekit: string;
  /** Schema versions of the host's database; absent when it has none the agent can read. */
  readonly schema?: { readonly shared: string; readonly local: string };
  readonly os: { readonly platform: string; readonly release: string; readonly name?: string };
}

export interface PathsResult {
  readonly etc: string;
  readonly var: string;
  readonly log: string;
  readonly remotes: string;
}

export interface WriteFileParams {
  readonly path: string;
  /** The new content, base64. */
  readonly content: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly backupDir?: string;
}

export interface BackupResult {
  /** Where the replaced or removed file was copied; absent when nothing was copied. */
  readonly backup?: string;
}

type NoParams = Readonly<Record<string, never>>;

/** Operation name → parameters and result. */
export interface AgentOps {
  'list-files': { params: { readonly root: string }; result: FileEntry[] };
  'read-file': { params: { readonly path: string }; result: { readonly content: string } };
  'write-file': { params: WriteFileParams; result: BackupResult };
  'remove-file': {
    params: { readonly path: string; readonly backupDir?: string };
    result: BackupResult;
  };
  service: {
    params: { readonly action: ServiceAction; readonly name: string };
    result: ServiceResult;
  };
  versions: { params: NoParams; result: VersionsResult };
  paths: { params: NoParams; result: PathsResult };
  /** `onedb backup <args>` on the host. */
  'database-backup': {
    params: { readonly args: readonly string[] };
    result: { readonly file: string };
  };
  /** `onedb restore <args> <file>` on the host. */
  'database-restore': {
    params: { readonly file: string; readonly args: readonly string[] };
    result: NoParams;
  };
  /** `onedb upgrade <args>` on the host (the daemon stopped); answers what onedb printed. */
  'database-upgrade': {
    params: { readonly args: readonly string[] };
    result: { readonly output: string };
  };
  /** `onedb reown <log>` on the host (the daemon stopped); answers what onedb printed. */
  'database-reown': {
    params: { readonly log: string };
    result: { readonly output: string };
  };
}

export type OpName = keyof AgentOps;
export type OpParams<K extends OpName> = AgentOps[K]['params'];
export type OpResult<K extends OpName> = AgentOps[K]['result'];

export const opNames: readonly OpName[] = [
  'list-files',
  'read-file',
  'write-file',
  'remove-file',
  'service',
  'versions',
  'paths',
  'database-backup',
  'database-restore',
  'database-upgrade',
  'database-reown',
];

/** A request for one operation: `{ "op": "<name>", "params": { ... } }`. */
export type AgentRequest<K extends OpName = OpName> = {
  [P in K]: { readonly op: P; readonly params: OpParams<P> };
}[K];
