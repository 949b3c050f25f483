// HostTransport over SSH: files through sftp, everything the host itself must work out
// (inventories, services, versions, paths, database dumps) through the agent's one-shot
// mode, all on one connection opened at the first call and kept until close().
import type { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { OneKitError } from '@onekit/core';
import type { OpName, OpParams, OpResult } from '@onekit/agent';
import type {
  CommandResult,
  HostFile,
  HostPaths,
  HostTransport,
  WriteFileOptions,
  WriteFileResult,
} from './host-transport.js';
import { AgentOperations } from './agent-operations.js';
import { formatHostSpec } from './host-spec.js';
import { callAgentOnce } from './ssh-agent-once.js';
import { SshConnection, type RunOptions } from './ssh-connection.js';
import type { HostKeyChecking, HostKeyPolicy } from './ssh-host-key-check.js';
import { RemoteFiles } from './ssh-remote-files.js';
import { RemoteFs } from './ssh-sftp.js';

export type { HostKeyChecking } from './ssh-host-key-check.js';
export type { RunOptions } from './ssh-connection.js';

export interface SshTransportOptions {
  readonly host: string;
  /** 22 unless given. */
  readonly port?: number;
  readonly username: string;
  /** Private key file on this machine; with `agentSocket`, both are tried. */
  readonly privateKeyFile?: string;
  readonly passphrase?: string;
  /** The ssh-agent socket (what SSH_AUTH_SOCK holds): the caller reads the environment. */
  readonly agentSocket?: string;
  /** `strict` unless given; `off` only when asked for by name. */
  readonly hostKeyChecking?: HostKeyChecking;
  /** known_hosts on this machine; required unless checking is off. */
  readonly knownHostsFile?: string;
  /** Shell command line that runs the agent's one-shot mode; `onekit-agent once` by default. */
  readonly agentCommand?: string;
  /** Deadline for connecting and logging in; 20 s by default. */
  readonly readyTimeoutMs?: number;
  /** The clock and random suffix in backup and temporary names (tests fix them). */
  readonly now?: () => Date;
  readonly uniqueSuffix?: () => string;
}

export const DEFAULT_AGENT_COMMAND = 'onekit-agent once';
const DEFAULT_SSH_PORT = 22;
const DEFAULT_READY_TIMEOUT_MS = 20_000;

function hostKeyPolicy(options: SshTransportOptions): HostKeyPolicy {
  const checking = options.hostKeyChecking ?? 'strict';
  if (checking === 'off') return { checking };
  if (options.knownHostsFile === undefined) {
    throw new OneKitError(
      'FLAG_INVALID',
      `host key checking "${checking}" needs a known_hosts file`,
      { field: 'knownHostsFile' },
    );
  }
  return { checking, knownHostsFile: options.knownHostsFile };
}

export class SshTransport extends AgentOperations implements HostTransport {
  readonly kind = 'ssh';
  /** HOST, or HOST:PORT when sshd listens elsewhere than on port 22. */
  readonly host: string;
  private readonly connection: SshConnection;
  private readonly agentCommand: string;
  private readonly now: () => Date;
  private readonly uniqueSuffix: () => string;
  private knownPaths: Promise<HostPaths> | undefined;

  constructor(options: SshTransportOptions) {
    super();
    const port = options.port ?? DEFAULT_SSH_PORT;
    this.host = formatHostSpec({
      host: options.host,
      ...(port === DEFAULT_SSH_PORT ? {} : { port }),
    });
    this.agentCommand = options.agentCommand ?? DEFAULT_AGENT_COMMAND;
    this.now = options.now ?? (() => new Date());
    this.uniqueSuffix = options.uniqueSuffix ?? (() => randomBytes(3).toString('hex'));
    this.connection = new SshConnection({
      host: options.host,
      port,
      username: options.username,
      auth: {
        ...(options.privateKeyFile !== undefined && { privateKeyFile: options.privateKeyFile }),
        ...(options.passphrase !== undefined && { passphrase: options.passphrase }),
        ...(options.agentSocket !== undefined && { agentSocket: options.agentSocket }),
      },
      hostKeys: hostKeyPolicy(options),
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    });
  }

  /** Runs a shell command line on the host: its exit status and output, whatever they are. */
  run(command: string, options: RunOptions = {}): Promise<CommandResult> {
    return this.connection.run(command, options);
  }

  listFiles(root: string): Promise<HostFile[]> {
    return this.callAgent('list-files', { root });
  }

  async readFile(file: string): Promise<Buffer> {
    return (await this.remoteFiles()).read(file);
  }

  async writeFile(
    file: string,
    content: Buffer,
    options: WriteFileOptions = {},
  ): Promise<WriteFileResult> {
    return (await this.remoteFiles()).replace(file, content, options);
  }

  async removeFile(
    file: string,
    options: { readonly backupDir?: string } = {},
  ): Promise<WriteFileResult> {
    return (await this.remoteFiles()).remove(file, options);
  }

  /**
   * The host's layout, asked once per transport: each question starts the agent on the
   * host, and a layout does not change while a command runs.
   */
  override paths(): Promise<HostPaths> {
    if (this.knownPaths === undefined) {
      const asked = super.paths();
      this.knownPaths = asked;
      // A failed question is asked again next time.
      asked.catch(() => {
        if (this.knownPaths === asked) this.knownPaths = undefined;
      });
    }
    return this.knownPaths;
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  protected callAgent<K extends OpName>(op: K, params: OpParams<K>): Promise<OpResult<K>> {
    return callAgentOnce(this.connection, op, params, {
      command: this.agentCommand,
      host: this.host,
    });
  }

  /** The sftp session of the current connection (a new one after a reconnect). */
  private async remoteFiles(): Promise<RemoteFiles> {
    const sftp = await this.connection.sftp();
    return new RemoteFiles(new RemoteFs(sftp), { now: this.now, uniqueSuffix: this.uniqueSuffix });
  }
}
