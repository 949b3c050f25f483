// The host operations that both remote transports leave to the agent on the host: over
// HTTP for the agent transport, through `onekit-agent once` over SSH for the ssh one.
import type { OpName, OpParams, OpResult } from '@onekit/agent';
import type {
  DatabaseBackupResult,
  DatabaseUpgradeResult,
  HostPaths,
  HostVersions,
  ServiceAction,
  ServiceResult,
} from './host-transport.js';

export abstract class AgentOperations {
  /** One operation on the host's agent; its error answer is thrown as a OneKitError. */
  protected abstract callAgent<K extends OpName>(op: K, params: OpParams<K>): Promise<OpResult<K>>;

  service(action: ServiceAction, name: string): Promise<ServiceResult> {
    return this.callAgent('service', { action, name });
  }

  backupDatabase(args: readonly string[]): Promise<DatabaseBackupResult> {
    return this.callAgent('database-backup', { args });
  }

  async restoreDatabase(file: string, args: readonly string[]): Promise<void> {
    await this.callAgent('database-restore', { file, args });
  }

  upgradeDatabase(args: readonly string[]): Promise<DatabaseUpgradeResult> {
    return this.callAgent('database-upgrade', { args });
  }

  reownDatabase(log: string): Promise<DatabaseUpgradeResult> {
    return this.callAgent('database-reown', { log });
  }

  versions(): Promise<HostVersions> {
    return this.callAgent('versions', {});
  }

  paths(): Promise<HostPaths> {
    return this.callAgent('paths', {});
  }
}
