// Every operation the agent offers, carried out on this host: the one table of handlers
// behind the HTTP API, the one-shot mode and the CLI's local transport.
import { OneKitError, type ErrorCode, type OnePaths } from '@onekit/core';
import {
  backupDatabase,
  reownDatabase,
  restoreDatabase,
  upgradeDatabase,
  type OnedbOptions,
} from '../database/index.js';
import type { HostFiles } from '../files/index.js';
import {
  decodeContent,
  encodeContent,
  type AgentRequest,
  type OpName,
  type OpParams,
  type OpResult,
  type VersionsResult,
} from '../protocol/index.js';
import type { ServiceManager } from '../services/index.js';

export interface AgentOperationsOptions {
  readonly paths: OnePaths;
  readonly files: HostFiles;
  readonly services: ServiceManager;
  readonly onedb: OnedbOptions;
  readonly versions: () => Promise<VersionsResult>;
}

type Handlers = { [K in OpName]: (params: OpParams<K>) => Promise<OpResult<K>> };

/** The code a failure gets when it is not already a OneKitError. */
const failureCodes: Record<OpName, ErrorCode> = {
  'list-files': 'HOST_FILE',
  'read-file': 'HOST_FILE',
  'write-file': 'HOST_FILE',
  'remove-file': 'HOST_FILE',
  service: 'SERVICE_ACTION',
  versions: 'HOST_COMMAND',
  paths: 'HOST_COMMAND',
  'database-backup': 'HOST_COMMAND',
  'database-restore': 'HOST_COMMAND',
  'database-upgrade': 'HOST_COMMAND',
  'database-reown': 'HOST_COMMAND',
};

export class AgentOperations {
  private readonly handlers: Handlers;

  constructor(o: AgentOperationsOptions) {
    this.handlers = {
      'list-files': (p) => o.files.list(p.root),
      'read-file': async (p) => ({ content: encodeContent(await o.files.read(p.path)) }),
      'write-file': (p) =>
        o.files.replace(p.path, decodeContent(p.content), {
          ...(p.mode === undefined ? {} : { mode: p.mode }),
          ...(p.uid === undefined ? {} : { uid: p.uid }),
          ...(p.gid === undefined ? {} : { gid: p.gid }),
          ...(p.backupDir === undefined ? {} : { backupDir: p.backupDir }),
        }),
      'remove-file': (p) =>
        o.files.remove(p.path, p.backupDir === undefined ? {} : { backupDir: p.backupDir }),
      service: (p) => o.services.run(p.action, p.name),
      versions: () => o.versions(),
      paths: async () => ({
        etc: o.paths.etc,
        var: o.paths.var,
        log: o.paths.log,
        remotes: o.paths.remotes,
      }),
      'database-backup': (p) => backupDatabase(o.onedb, p.args),
      'database-restore': (p) => restoreDatabase(o.onedb, p.file, p.args),
      'database-upgrade': (p) => upgradeDatabase(o.onedb, p.args),
      'database-reown': (p) => reownDatabase(o.onedb, p.log),
    };
  }

  /** Carries out one request; every failure is a OneKitError. */
  async perform<K extends OpName>(request: AgentRequest<K>): Promise<OpResult<K>> {
    const handler = this.handlers[request.op] as (params: OpParams<K>) => Promise<OpResult<K>>;
    try {
      return await handler(request.params);
    } catch (err) {
      if (err instanceof OneKitError) throw err;
      throw new OneKitError(
        failureCodes[request.op],
        `${request.op} failed: ${err instanceof Error ? err.message : String(err)}`,
        {},
        { cause: err },
      );
    }
  }
}
