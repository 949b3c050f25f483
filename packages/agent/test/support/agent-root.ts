// A simulated host for agent tests: a temporary ONE_LOCATION root with an etc/ tree, an
// onekit-agent.yaml (supervisor, a small test service, a stand-in onedb) and the real
// `onekit-agent` executable, started as `serve` on a loopback address or run `once`.
// Mocha-free, so the CLI's transport and serversync tests use it too. The executable runs
// the compiled code: build the agent first (npx tsc -b packages/agent).
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePaths, type OnePaths } from '@onekit/core';
import { AgentProcess, collect, type RunResult } from './agent-process.js';
import { freePort } from '../../../../test/support/free-port.js';
import { onedbStandIn } from './onedb-stand-in.js';

export { AgentProcess, type RunResult } from './agent-process.js';
export { freePort } from '../../../../test/support/free-port.js';
export { selfSignedCertificate } from './tls-certificate.js';

export const agentBin = fileURLToPath(new URL('../../bin/onekit-agent.js', import.meta.url));

const START_DEADLINE_MS = 20_000;
const RUN_DEADLINE_MS = 20_000;
const READY = /listening on (\S+)/;

/** A service every test root configures: a node process that runs until stopped. */
export const TEST_SERVICE = 'sleeper';

export interface ServiceSpec {
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface AgentRootOptions {
  /** The loopback address `serve` listens on (default 127.0.0.2). */
  readonly host?: string;
  /** Services besides TEST_SERVICE. */
  readonly services?: Readonly<Record<string, ServiceSpec>>;
  /** PEM files: the agent serves HTTPS. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** YAML lines appended to onekit-agent.yaml. */
  readonly extraConfig?: string;
  /** An existing root to serve (e.g. a daemon's ONE_LOCATION) instead of a new temporary one. */
  readonly dir?: string;
  /** The onedb backups and restores run (default: the stand-in). */
  readonly onedb?: ServiceSpec;
}

const sleeperScript =
  'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1 << 30);';

export class AgentRoot {
  readonly paths: OnePaths;
  readonly configFile: string;
  /** The stand-in onedb (`<root>/bin/onedb`). */
  readonly onedb: string;
  private readonly agents = new Set<AgentProcess>();

  private constructor(
    readonly dir: string,
    readonly host: string,
    readonly port: number,
  ) {
    this.paths = resolvePaths({ oneLocation: dir });
    this.configFile = join(this.paths.etc, 'onekit-agent.yaml');
    this.onedb = join(dir, 'bin', 'onedb');
  }

  static async create(options: AgentRootOptions = {}): Promise<AgentRoot> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'onekit-agent-'));
    const host = options.host ?? '127.0.0.2';
    const root = new AgentRoot(dir, host, await freePort(host));
    for (const sub of [root.paths.etc, root.paths.var, join(dir, 'bin'), join(dir, 'home')]) {
      mkdirSync(sub, { recursive: true });
    }
    writeFileSync(root.onedb, onedbStandIn);
    chmodSync(root.onedb, 0o755);
    root.writeConfig(options);
    return root;
  }

  /** Rewrites onekit-agent.yaml for these options. */
  writeConfig(options: AgentRootOptions = {}): void {
    const services: Record<string, ServiceSpec> = {
      [TEST_SERVICE]: { command: process.execPath, args: ['-e', sleeperScript] },
      ...options.services,
    };
    const lines = [
      `listen_address: ${this.host}`,
      `port: ${this.port}`,
      'service_manager: supervisor',
      'services:',
      ...Object.entries(services).flatMap(([name, spec]) => [
        `  ${name}:`,
        `    command: ${JSON.stringify(spec.command)}`,
        `    args: ${JSON.stringify(spec.args ?? [])}`,
        `    env: ${JSON.stringify(spec.env ?? {})}`,
      ]),
      'onedb:',
      `  command: ${JSON.stringify(options.onedb?.command ?? this.onedb)}`,
      ...(options.onedb ? [`  args: ${JSON.stringify(options.onedb.args ?? [])}`] : []),
      ...(options.tls
        ? [
            'tls:',
            `  cert: ${JSON.stringify(options.tls.cert)}`,
            `  key: ${JSON.stringify(options.tls.key)}`,
          ]
        : []),
    ];
    writeFileSync(this.configFile, `${lines.join('\n')}\n${options.extraConfig ?? ''}`);
  }

  get tokenFile(): string {
    return join(this.paths.oneDir, 'agent_token');
  }

  get logFile(): string {
    return join(this.paths.log, 'onekit-agent.log');
  }

  /** The environment the agent runs with: only what it needs. */
  get env(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ONE_LOCATION: this.dir,
      HOME: join(this.dir, 'home'),
    };
  }

  private spawn(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
    return spawn(process.execPath, [agentBin, ...args], {
      env: { ...this.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** Runs `onekit-agent once` with `request` (an object, or text as it is) on stdin. */
  async once(
    request: unknown,
    options: { env?: Record<string, string> } = {},
  ): Promise<RunResult & { response: unknown }> {
    const child = this.spawn(['once'], options.env);
    child.stdin!.end(typeof request === 'string' ? request : JSON.stringify(request));
    const result = await collect(child, RUN_DEADLINE_MS);
    let response: unknown;
    try {
      response = JSON.parse(result.stdout);
    } catch {
      response = undefined;
    }
    return { ...result, response };
  }

  /** Runs the executable to completion with any arguments. */
  run(args: readonly string[]): Promise<RunResult> {
    const child = this.spawn(args);
    child.stdin!.end();
    return collect(child, RUN_DEADLINE_MS);
  }

  /** Starts `onekit-agent serve` and resolves once it listens. */
  async start(args: readonly string[] = []): Promise<AgentProcess> {
    const child = this.spawn(['serve', ...args]);
    child.stdin!.end();
    const output = { stdout: '', stderr: '' };
    child.stdout!.on('data', (c: Buffer) => (output.stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output.stderr += c.toString()));
    const exited = new Promise<RunResult>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, ...output })),
    );
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the agent did not start in time:\n${output.stderr}`));
      }, START_DEADLINE_MS);
      const onData = (): void => {
        const match = READY.exec(output.stdout);
        if (match) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      void exited.then((r) => {
        clearTimeout(timer);
        reject(new Error(`the agent exited (${r.code ?? r.signal}):\n${r.stderr}`));
      });
    });
    const agent = new AgentProcess(
      child,
      exited,
      url,
      output,
      readFileSync(this.tokenFile, 'utf8').trim(),
    );
    this.agents.add(agent);
    void exited.then(() => this.agents.delete(agent));
    return agent;
  }

  /** The pid a supervised service's pid file names, if any. */
  servicePid(name: string): number | undefined {
    try {
      return Number(readFileSync(join(this.paths.run, `${name}.pid`), 'utf8').trim());
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Stops the agents and every service a pid file names, then deletes the root. */
  async remove(): Promise<void> {
    await Promise.all([...this.agents].map((agent) => agent.stop('SIGKILL')));
    let pidFiles: string[] = [];
    try {
      pidFiles = readdirSync(this.paths.run).filter((name) => name.endsWith('.pid'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const file of pidFiles) {
      const pid = Number(readFileSync(join(this.paths.run, file), 'utf8').trim());
      try {
        process.kill(-pid, 'SIGKILL');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
