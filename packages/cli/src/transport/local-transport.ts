// HostTransport on this machine: the agent's own file operations and service managers
// called in-process (the same path checks, backups and atomic writes as a remote agent),
// and commands (systemctl, onedb) run through execa.
import type { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import {
  backupDatabase,
  createHostOperations,
  defaultAgentConfigFile,
  loadAgentConfig,
  reownDatabase,
  restoreDatabase,
  upgradeDatabase,
  type AgentClock,
  type AgentConfig,
  type CommandRunner,
  type HostOperations,
} from '@onekit/agent';
import { OneKitError, resolvePaths, type Environment, type OnePaths } from '@onekit/core';
import type {
  DatabaseBackupResult,
  DatabaseUpgradeResult,
  HostFile,
  HostPaths,
  HostTransport,
  HostVersions,
  ServiceAction,
  ServiceResult,
  WriteFileOptions,
  WriteFileResult,
} from './host-transport.js';

/** Runs a program with execa: no shell, output captured, a non-zero exit is a result. */
export function execaCommandRunner(env: Environment): CommandRunner {
  return async (command, args) => {
    const result = await execa(command, [...args], {
      env,
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });
    const exitCode = result.exitCode ?? (result.signal ? 128 : undefined);
    if (exitCode === undefined) {
      throw new OneKitError(
        'HOST_COMMAND',
        `${command} cannot be started: ${result.shortMessage}`,
        { field: command },
        { cause: result },
      );
    }
    return { exitCode, stdout: result.stdout, stderr: result.stderr };
  };
}

export interface LocalTransportOptions {
  /** The environment: ONE_LOCATION selects the root; services and commands inherit it. */
  readonly env: Environment;
  /** This host's layout (default: from ONE_LOCATION in `env`). */
  readonly paths?: OnePaths;
  /** The agent config (default: `<etc>/onekit-agent.yaml`, or the defaults without one). */
  readonly config?: AgentConfig;
  /** Runs systemctl and onedb (default: execa). */
  readonly runner?: CommandRunner;
  readonly clock?: AgentClock;
  /** Named in messages (default `localhost`). */
  readonly host?: string;
  /** Supervisor events, e.g. a service that exits (default: dropped; this process is short-lived). */
  readonly report?: (line: string) => void;
  /** Whether systemd runs, for `service_manager: auto`. */
  readonly detectSystemd?: () => Promise<boolean>;
}

const systemClock: AgentClock = { now: () => new Date(), monotonic: () => performance.now() };

export class LocalTransport implements HostTransport {
  readonly kind = 'local' as const;

  private constructor(
    readonly host: string,
    private readonly hostPaths: OnePaths,
    private readonly config: AgentConfig,
    private readonly runner: CommandRunner,
    private readonly ops: HostOperations,
  ) {}

  static async create(o: LocalTransportOptions): Promise<LocalTransport> {
    const paths = o.paths ?? resolvePaths({ oneLocation: o.env.ONE_LOCATION });
    const config =
      o.config ??
      (await loadAgentConfig(paths, defaultAgentConfigFile(paths), { required: false }));
    const runner = o.runner ?? execaCommandRunner(o.env);
    const ops = await createHostOperations({
      paths,
      config,
      env: o.env,
      runner,
      clock: o.clock ?? systemClock,
      randomBytes,
      report: o.report ?? (() => undefined),
      ...(o.detectSystemd ? { detectSystemd: o.detectSystemd } : {}),
    });
    return new LocalTransport(o.host ?? 'localhost', paths, config, runner, ops);
  }

  listFiles(root: string): Promise<HostFile[]> {
    return this.ops.files.list(root);
  }

  readFile(file: string): Promise<Buffer> {
    return this.ops.files.read(file);
  }

  writeFile(
    file: string,
    content: Buffer,
    options: WriteFileOptions = {},
  ): Promise<WriteFileResult> {
    return this.ops.files.replace(file, content, options);
  }

  removeFile(
    file: string,
    options: { readonly backupDir?: string } = {},
  ): Promise<WriteFileResult> {
    return this.ops.files.remove(file, options);
  }

  service(action: ServiceAction, name: string): Promise<ServiceResult> {
    return this.ops.services.run(action, name);
  }

  backupDatabase(args: readonly string[]): Promise<DatabaseBackupResult> {
    return backupDatabase({ onedb: this.config.onedb, runner: this.runner }, args);
  }

  async restoreDatabase(file: string, args: readonly string[]): Promise<void> {
    await restoreDatabase({ onedb: this.config.onedb, runner: this.runner }, file, args);
  }

  upgradeDatabase(args: readonly string[]): Promise<DatabaseUpgradeResult> {
    return upgradeDatabase({ onedb: this.config.onedb, runner: this.runner }, args);
  }

  reownDatabase(log: string): Promise<DatabaseUpgradeResult> {
    return reownDatabase({ onedb: this.config.onedb, runner: this.runner }, log);
  }

  versions(): Promise<HostVersions> {
    return this.ops.operations.perform({ op: 'versions', params: {} });
  }

  async paths(): Promise<HostPaths> {
    const { etc, var: state, log, remotes } = this.hostPaths;
    return { etc, var: state, log, remotes };
  }

  async close(): Promise<void> {}
}
