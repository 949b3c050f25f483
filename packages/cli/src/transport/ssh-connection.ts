// One SSH connection to one host, opened on first use and shared by every call after it:
// plain commands on exec channels, and one sftp session. Authentication by private key file
// (optionally encrypted) or by ssh-agent; the host key is checked before anything is sent.
import type { Buffer } from 'node:buffer';
import { OneKitError } from '@onekit/core';
import ssh2, {
  type AgentAuthMethod,
  type ClientChannel,
  type ConnectConfig,
  type PublicKeyAuthMethod,
  type SFTPWrapper,
} from 'ssh2';
import type { CommandResult } from './host-transport.js';
import { HostKeyCheck, type HostKeyPolicy } from './ssh-host-key-check.js';
import { ChannelSlots } from './ssh-channel-slots.js';
import { collectCommand } from './ssh-exec.js';
import { loadPrivateKey } from './ssh-private-key.js';

// ssh2 is CommonJS; its exports are read from the default import.
const { Client } = ssh2;
type Client = InstanceType<typeof Client>;

export interface SshAuth {
  /** Private key file on this machine (OpenSSH or PEM format). */
  readonly privateKeyFile?: string;
  /** Passphrase of an encrypted private key file. */
  readonly passphrase?: string;
  /** The ssh-agent socket to ask for keys: what SSH_AUTH_SOCK holds. */
  readonly agentSocket?: string;
}

export interface SshConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly auth: SshAuth;
  readonly hostKeys: HostKeyPolicy;
  /** Deadline for the TCP connection, handshake and authentication together. */
  readonly readyTimeoutMs: number;
}

export interface RunOptions {
  /** Written to the command's standard input, which is then closed. */
  readonly stdin?: string | Buffer;
}

// OpenSSH's sshd opens at most 10 sessions per connection (MaxSessions): one is the sftp
// session, and commands beyond this many wait for a free channel.
const MAX_COMMAND_CHANNELS = 8;

export class SshConnection {
  private client: Promise<Client> | undefined;
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private readonly slots = new ChannelSlots(MAX_COMMAND_CHANNELS);

  constructor(private readonly options: SshConnectionOptions) {}

  private get endpoint(): string {
    return `${this.options.host} port ${this.options.port}`;
  }

  /** Runs a shell command line on the host and collects its exit status and output. */
  async run(command: string, options: RunOptions = {}): Promise<CommandResult> {
    const client = await this.connected();
    return this.slots.use(async () => {
      const channel = await new Promise<ClientChannel>((resolve, reject) =>
        client.exec(command, (err, stream) => (err ? reject(this.lost(err)) : resolve(stream))),
      );
      return collectCommand(channel, options.stdin, () =>
        this.lost(new Error('the connection closed before the command exited')),
      );
    });
  }

  /** The connection's sftp session, opened on first use. */
  sftp(): Promise<SFTPWrapper> {
    if (this.sftpSession) return this.sftpSession;
    const session: Promise<SFTPWrapper> = this.connected().then(
      (client) =>
        new Promise<SFTPWrapper>((resolve, reject) =>
          client.sftp((err, sftp) => {
            if (err) return reject(this.lost(err));
            const forget = (): void => {
              if (this.sftpSession === session) this.sftpSession = undefined;
            };
            sftp.once('close', forget).on('error', forget);
            resolve(sftp);
          }),
        ),
    );
    this.sftpSession = session;
    session.catch(() => {
      if (this.sftpSession === session) this.sftpSession = undefined;
    });
    return session;
  }

  /** Ends the connection (if one is open) and waits until the socket has closed. */
  async close(): Promise<void> {
    const pending = this.client;
    this.client = undefined;
    this.sftpSession = undefined;
    if (!pending) return;
    const client = await pending.then(
      (c) => c,
      // The caller that opened the connection has its error; nothing is left to close.
      () => undefined,
    );
    if (!client) return;
    await new Promise<void>((resolve) => {
      client.once('close', () => resolve());
      client.end();
    });
  }

  private connected(): Promise<Client> {
    if (!this.client) {
      const pending = this.connect();
      this.client = pending;
      // A connection that fails or breaks is dropped; the next call opens a new one.
      pending.then(
        (client) => client.once('close', () => this.forget(pending)),
        () => this.forget(pending),
      );
    }
    return this.client;
  }

  private forget(connection: Promise<Client>): void {
    if (this.client !== connection) return;
    this.client = undefined;
    this.sftpSession = undefined;
  }

  private async connect(): Promise<Client> {
    const { host, port, username, auth, hostKeys, readyTimeoutMs } = this.options;
    if (auth.privateKeyFile === undefined && auth.agentSocket === undefined) {
      throw new OneKitError(
        'SSH_AUTH',
        `no private key file and no ssh-agent socket given to log in to ${this.endpoint}`,
        { field: 'privateKeyFile' },
      );
    }
    const check = await HostKeyCheck.load(host, port, hostKeys);
    let refusal: unknown;
    const config: ConnectConfig = {
      host,
      port,
      username,
      authHandler: await this.authMethods(auth),
      readyTimeout: readyTimeoutMs,
      algorithms: { serverHostKey: check.algorithms() },
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        check.verify(key).then(
          () => verify(true),
          (err: unknown) => {
            refusal = err;
            verify(false);
          },
        );
      },
    };
    const client = new Client();
    // ssh2 reports a broken connection as an 'error' event and then closes: the calls in
    // flight fail through their channels and connected() drops the connection on 'close'.
    // Without a listener, a late error would end the process.
    client.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error & { level?: string }): void => {
        client.off('ready', onReady).off('close', onClose);
        client.end();
        reject(refusal ?? this.connectError(err, auth));
      };
      const onReady = (): void => {
        client.off('error', onError).off('close', onClose);
        resolve();
      };
      const onClose = (): void => {
        client.off('error', onError).off('ready', onReady);
        reject(new OneKitError('CONNECTION', `${this.endpoint} closed the SSH connection`, {}));
      };
      client.once('error', onError).once('ready', onReady).once('close', onClose);
      client.connect(config);
    });
    return client;
  }

  /** The key file first (the one the caller named), then the agent's keys. */
  private async authMethods(auth: SshAuth): Promise<(PublicKeyAuthMethod | AgentAuthMethod)[]> {
    const username = this.options.username;
    const methods: (PublicKeyAuthMethod | AgentAuthMethod)[] = [];
    if (auth.privateKeyFile !== undefined) {
      const key = await loadPrivateKey(auth.privateKeyFile, auth.passphrase);
      methods.push({ type: 'publickey', username, key });
    }
    if (auth.agentSocket !== undefined) {
      methods.push({ type: 'agent', username, agent: auth.agentSocket });
    }
    return methods;
  }

  private connectError(err: Error & { level?: string }, auth: SshAuth): OneKitError {
    if (err.level === 'client-authentication') {
      const offered = [auth.privateKeyFile, auth.agentSocket && 'the ssh-agent']
        .filter(Boolean)
        .join(' and ');
      return new OneKitError(
        'SSH_AUTH',
        `${this.endpoint} refused the login of ${this.options.username} with ${offered}`,
        auth.privateKeyFile ? { file: auth.privateKeyFile } : {},
        { cause: err },
      );
    }
    return new OneKitError(
      'CONNECTION',
      `cannot connect to ${this.endpoint} over SSH: ${err.message}`,
      {},
      {
        cause: err,
      },
    );
  }

  private lost(err: Error): OneKitError {
    return new OneKitError(
      'CONNECTION',
      `the SSH connection to ${this.endpoint} failed: ${err.message}`,
      {},
      {
        cause: err,
      },
    );
  }
}
