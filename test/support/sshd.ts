// A real OpenSSH server for tests: /usr/sbin/sshd in the foreground with a configuration,
// host key, client key and authorized_keys of its own in a temporary directory, bound to one
// loopback address (127.0.0.x) and a free port, started as a direct child process and never
// the system service. Also an ssh-agent holding chosen keys, for agent authentication.
// Nothing here depends on a test runner.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from './free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface ScratchSshd {
  readonly host: string;
  readonly port: number;
  /** Private key (OpenSSH format, no passphrase) that authorized_keys accepts, for root. */
  readonly clientKeyPath: string;
  /** The known_hosts line for this server: `[host]:port type base64`. */
  readonly knownHostsLine: string;
  /** As `ssh-keygen -l` prints it: `SHA256:...`. */
  readonly hostKeyFingerprint: string;
  /** Appends a public key line to authorized_keys (takes effect at the next login). */
  authorize(publicKeyLine: string): void;
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** Loopback address to bind, e.g. 127.0.0.2. */
  readonly address: string;
  /**
   * Variables every session gets (sshd_config SetEnv), over sshd's own: e.g. the
   * ONE_LOCATION and PATH of the simulated host this server stands for.
   */
  readonly sessionEnv?: Readonly<Record<string, string>>;
}

export interface KeyPair {
  readonly privateKeyPath: string;
  readonly publicKeyLine: string;
  readonly fingerprint: string;
}

const SSHD = '/usr/sbin/sshd';
// sshd checks for its privilege separation directory before it accepts anything.
const PRIVSEP_DIR = '/run/sshd';
const START_DEADLINE_MS = 20_000;
const STOP_DEADLINE_MS = 20_000;

const run = promisify(execFile);

/** Generates a key pair with ssh-keygen (ed25519 unless told; no passphrase unless given). */
export async function generateKeyPair(
  privateKeyPath: string,
  options: { readonly type?: 'ed25519' | 'rsa' | 'ecdsa'; readonly passphrase?: string } = {},
): Promise<KeyPair> {
  await run('ssh-keygen', [
    '-q',
    '-t',
    options.type ?? 'ed25519',
    '-N',
    options.passphrase ?? '',
    '-C',
    'onekit-test',
    '-f',
    privateKeyPath,
  ]);
  const publicKeyLine = readFileSync(`${privateKeyPath}.pub`, 'utf8').trim();
  return { privateKeyPath, publicKeyLine, fingerprint: await fingerprintOf(privateKeyPath) };
}

/** `SHA256:...` of a key, as ssh-keygen -l computes it. */
async function fingerprintOf(keyPath: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keyPath}.pub`]);
  const match = /SHA256:\S+/.exec(stdout);
  if (!match) throw new Error(`no fingerprint in ssh-keygen output: ${stdout}`);
  return match[0];
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once the port accepts a connection; rejects if the child exits or time runs out. */
async function waitUntilListening(
  child: ChildProcess,
  host: string,
  port: number,
  log: () => string,
): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = performance.now() + START_DEADLINE_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    if (exited) throw new Error(`sshd exited before listening:\n${log()}`);
    if (await accepts(host, port)) return;
    if (performance.now() > deadline) throw new Error(`sshd did not listen in time:\n${log()}`);
    // Poll again shortly: the connection attempt itself is the condition.
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** `SetEnv "NAME=value" ...`; sshd_config has no escape for a double quote. */
function setEnvLines(env: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(env);
  for (const [name, value] of entries) {
    if (!/^[A-Za-z_]\w*$/.test(name) || /["\n]/.test(value)) {
      throw new Error(`sshd cannot set ${name}=${value}`);
    }
  }
  return entries.length ? [`SetEnv ${entries.map(([n, v]) => `"${n}=${v}"`).join(' ')}`] : [];
}

function sshdConfig(dir: string, options: SshdOptions & { readonly port: number }): string {
  const { address, port } = options;
  return [
    `Port ${port}`,
    `ListenAddress ${address}`,
    `HostKey ${join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'AllowAgentForwarding no',
    'AllowTcpForwarding no',
    'X11Forwarding no',
    'PrintMotd no',
    'LogLevel INFO',
    'Subsystem sftp internal-sftp',
    ...setEnvLines(options.sessionEnv ?? {}),
    '',
  ].join('\n');
}

/** Starts sshd on `address` and a free port; resolves once the port accepts connections. */
export async function startSshd(options: SshdOptions): Promise<ScratchSshd> {
  mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'onekit-sshd-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  let child: ChildProcess | undefined;
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
    removeDir();
  };
  process.once('exit', killOnExit);
  try {
    const hostKey = await generateKeyPair(join(dir, 'host_key'));
    const clientKey = await generateKeyPair(join(dir, 'client_key'));
    const authorizedKeys = join(dir, 'authorized_keys');
    writeFileSync(authorizedKeys, `${clientKey.publicKeyLine}\n`, { mode: 0o600 });
    const port = await freePort(options.address);
    const configPath = join(dir, 'sshd_config');
    writeFileSync(configPath, sshdConfig(dir, { ...options, port }), { mode: 0o600 });

    // sshd re-executes itself, which needs the absolute path.
    child = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    const started = child;
    // Keep the last lines of the server log for error messages (and keep the pipe drained).
    const log: string[] = [];
    started.stderr!.on('data', (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.length > 50) log.shift();
    });
    await waitUntilListening(started, options.address, port, () => log.join(''));
    // A forgotten stop() must not keep the test process alive: exit kills the server.
    started.unref();
    (started.stderr as unknown as { unref(): void }).unref();

    const [type, key] = hostKey.publicKeyLine.split(' ');
    return {
      host: options.address,
      port,
      clientKeyPath: clientKey.privateKeyPath,
      knownHostsLine: `[${options.address}]:${port} ${type} ${key}`,
      hostKeyFingerprint: hostKey.fingerprint,
      authorize(publicKeyLine) {
        writeFileSync(authorizedKeys, `${publicKeyLine}\n`, { flag: 'a' });
      },
      async stop() {
        process.off('exit', killOnExit);
        started.ref();
        process.kill(started.pid!, 'SIGTERM');
        await waitForExit(started);
        removeDir();
      },
    };
  } catch (err) {
    process.off('exit', killOnExit);
    killOnExit();
    throw err;
  }
}

export interface ScratchSshAgent {
  /** The agent's socket: what SSH_AUTH_SOCK would hold. */
  readonly socketPath: string;
  stop(): Promise<void>;
}

/** Starts ssh-agent in the foreground on a socket of its own and adds the given keys. */
export async function startSshAgent(keyPaths: readonly string[]): Promise<ScratchSshAgent> {
  const dir = mkdtempSync(join(tmpdir(), 'onekit-ssh-agent-'));
  const socketPath = join(dir, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', socketPath], { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
    await waitForExit(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const killOnExit = (): void => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  try {
    await waitForAgent(child, socketPath, keyPaths);
    child.unref();
    return { socketPath, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** ssh-add fails until the agent listens: retry it until it succeeds or time runs out. */
async function waitForAgent(
  child: ChildProcess,
  socketPath: string,
  keyPaths: readonly string[],
): Promise<void> {
  const deadline = performance.now() + START_DEADLINE_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    if (child.exitCode !== null) throw new Error(`ssh-agent exited with ${child.exitCode}`);
    try {
      // `ssh-add -l` exits 1 for an empty agent that answers, 2 when it cannot connect.
      await run('ssh-add', keyPaths.length ? ['-q', ...keyPaths] : ['-l'], {
        env: { SSH_AUTH_SOCK: socketPath },
      });
      return;
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (keyPaths.length === 0 && code === 1) return;
      if (performance.now() > deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * A command line for the remote shell: `argv` quoted word by word, run with exactly `env`
 * (`env -i NAME=value ... argv`) when an environment is given.
 */
export function shellCommand(
  argv: readonly string[],
  options: { readonly env?: Readonly<Record<string, string>> } = {},
): string {
  const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
  const prefix = options.env
    ? ['env', '-i', ...Object.entries(options.env).map(([k, v]) => `${k}=${quote(v)}`)]
    : [];
  return [...prefix, ...argv.map(quote)].join(' ');
}
