// The real `onekit-daemon` executable in a temporary ONE_LOCATION root bound to a loopback
// address (127.0.0.x) and a free port, started as a child process and stopped by pid. For
// process tests and benchmarks alike: nothing here depends on a test runner, and the
// executable runs the compiled code, so the caller makes sure it is built.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultOnedConfig,
  renderOnedConf,
  resolvePaths,
  type OnedConfig,
  type OnePaths,
} from '@onekit/core';
import { RpcClient } from '../../packages/daemon/test/support/rpc-client.js';

const daemonBin = fileURLToPath(
  new URL('../../packages/daemon/bin/onekit-daemon.js', import.meta.url),
);

const START_DEADLINE_MS = 30_000;
const STOP_DEADLINE_MS = 30_000;
const READY = /onekit-daemon listening on/;

export const ONEADMIN_PASSWORD = 'onekit-test-password';

import { collect, type RunResult } from './child-output.js';
import { freePort, LOOPBACK_ADDRESSES, portIsFree, randomLoopbackAddress } from './free-port.js';

export { freePort, randomLoopbackAddress };
export type { RunResult };

const running = new Set<ChildProcess>();
/** The address of each root not removed yet, by directory. */
const roots = new Map<string, string>();

/**
 * A random 127.0.0.x that no other root of this process holds, while one is left. Roots given
 * one port (servers of a zone) differ only by address, so the address must also have that
 * port free: another test process may be listening on it.
 */
async function loopbackAddress(port: number | undefined): Promise<string> {
  const held = new Set(roots.values());
  for (let attempt = 0; attempt < 100 * LOOPBACK_ADDRESSES; attempt++) {
    const host = randomLoopbackAddress();
    if (held.has(host) && held.size < LOOPBACK_ADDRESSES) continue;
    if (port === undefined || (await portIsFree(host, port))) return host;
    held.add(host);
  }
  throw new Error(`no loopback address has port ${port} free`);
}

/** Kills every daemon still running and removes every root not removed yet. */
export function removeLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of roots.keys()) rmSync(dir, { recursive: true, force: true });
  roots.clear();
}

export type ConfChange = (conf: OnedConfig) => void;

export interface RootOptions {
  /** Changes to the default oned.conf (PORT and LISTEN_ADDRESS are the root's own). */
  readonly conf?: ConfChange;
  /** Lines appended to oned.conf. */
  readonly extraConf?: string;
  readonly oneadminPassword?: string;
  /** The loopback address to listen on; a random 127.0.0.x by default. */
  readonly host?: string;
  /** The port (default: a free one): roots on distinct addresses may share one, as servers do. */
  readonly port?: number;
}

export class DaemonRoot {
  readonly paths: OnePaths;
  private readonly changes: ConfChange[] = [];
  private extraConf = '';
  private readonly password: string;

  private constructor(
    readonly dir: string,
    readonly host: string,
    readonly port: number,
    options: RootOptions,
  ) {
    this.paths = resolvePaths({ oneLocation: dir });
    this.password = options.oneadminPassword ?? ONEADMIN_PASSWORD;
  }

  static async create(options: RootOptions = {}): Promise<DaemonRoot> {
    const host = options.host ?? (await loopbackAddress(options.port));
    const dir = mkdtempSync(join(tmpdir(), 'onekit-daemon-'));
    roots.set(dir, host);
    const root = new DaemonRoot(dir, host, options.port ?? (await freePort(host)), options);
    mkdirSync(root.paths.etc, { recursive: true });
    mkdirSync(root.paths.oneDir, { recursive: true, mode: 0o700 });
    mkdirSync(join(dir, 'home'));
    writeFileSync(root.paths.oneAuth, `oneadmin:${root.password}\n`, { mode: 0o600 });
    root.writeConf(options);
    return root;
  }

  get session(): string {
    return `oneadmin:${this.password}`;
  }

  get endpoint(): string {
    return `http://${this.host}:${this.port}/RPC2`;
  }

  /** Rewrites oned.conf: the root's address, then every change given so far, in order. */
  writeConf(options: Pick<RootOptions, 'conf' | 'extraConf'> = {}): void {
    if (options.conf) this.changes.push(options.conf);
    if (options.extraConf) this.extraConf += options.extraConf;
    const conf = defaultOnedConfig();
    conf.port = this.port;
    conf.listenAddress = this.host;
    for (const change of this.changes) change(conf);
    writeFileSync(this.paths.onedConf, renderOnedConf(conf) + this.extraConf);
  }

  private spawn(args: readonly string[]): ChildProcess {
    const child = spawn(process.execPath, [daemonBin, ...args], {
      env: { PATH: process.env.PATH, ONE_LOCATION: this.dir, HOME: join(this.dir, 'home') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
  }

  /** Runs the executable to completion (a start that must fail, --version). */
  run(args: readonly string[] = []): Promise<RunResult> {
    const child = this.spawn(args);
    return collect(child, STOP_DEADLINE_MS);
  }

  /** Starts the daemon and resolves once it listens. */
  async start(): Promise<DaemonProcess> {
    const child = this.spawn([]);
    const output = { stdout: '', stderr: '' };
    child.stdout!.on('data', (c: Buffer) => (output.stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output.stderr += c.toString()));
    const exited = new Promise<RunResult>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, ...output })),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the daemon did not start in time:\n${output.stderr}`));
      }, START_DEADLINE_MS);
      const onData = (): void => {
        if (READY.test(output.stdout)) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      void exited.then((r) => {
        clearTimeout(timer);
        reject(new Error(`the daemon exited (${r.code ?? r.signal}):\n${r.stderr}`));
      });
    });
    return new DaemonProcess(child, exited, new RpcClient(this.host, this.port));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    roots.delete(this.dir);
  }
}

export class DaemonProcess {
  constructor(
    private readonly child: ChildProcess,
    readonly exited: Promise<RunResult>,
    readonly client: RpcClient,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  /** The resident set size, in KiB (Linux: read from /proc). */
  rssKiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)/.exec(status);
    if (!match) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(match[1]);
  }

  /** Sends `signal` (SIGTERM by default) to the pid and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<RunResult> {
    process.kill(this.pid, signal);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the daemon did not stop in time')),
        STOP_DEADLINE_MS,
      );
    });
    try {
      return await Promise.race([this.exited, deadline]);
    } finally {
      clearTimeout(timer);
      this.client.close();
    }
  }
}
