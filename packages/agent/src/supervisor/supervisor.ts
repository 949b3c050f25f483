// The agent's own service manager, for hosts without systemd: each configured service runs
// as a child in a process group of its own, its pid in `<run>/<name>.pid` and its output
// in `<log>/<name>.log`. Stopping sends SIGTERM to the group, then SIGKILL after a grace
// period. A long-running agent (given a restart policy) restarts a service that exits on
// its own, waiting longer after each crash; a one-shot agent starts it and leaves it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { posix } from 'node:path';
import { OneKitError } from '@onekit/core';
import type { ServiceDefinition } from '../config/index.js';
import type { ServiceAction, ServiceResult } from '../protocol/index.js';
import type { ServiceManager } from '../services/service-manager.js';
import { readPidFile, removePidFile, writePidFile } from './pid-file.js';
import { isServiceProcess, signalGroup } from './process-alive.js';
import { restartDelay, type RestartPolicy } from './restart-delay.js';

export interface SupervisorOptions {
  readonly services: Readonly<Record<string, ServiceDefinition>>;
  /** Where the pid files go. */
  readonly runDir: string;
  /** Where each service's output goes. */
  readonly logDir: string;
  /** The environment every service starts with; a service's own `env` is added to it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long a service has to exit after SIGTERM before it gets SIGKILL. */
  readonly stopGraceMs: number;
  /** Restart services that exit on their own; absent: start them and leave them. */
  readonly restart?: RestartPolicy;
  /** Milliseconds from any fixed point, to measure how long a service ran. */
  readonly monotonic: () => number;
  /** Crashes, restarts and give-ups, one line each. */
  readonly report: (line: string) => void;
}

interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  readonly startedAt: number;
  stopping: boolean;
}

interface ServiceState {
  child?: Child;
  crashes: number;
  restartTimer?: NodeJS.Timeout;
  /** Actions on one service run one after another. */
  queue: Promise<unknown>;
}

const POLL_MS = 20;
const KILL_DEADLINE_MS = 5_000;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForExit(pid: number, withinMs: number): Promise<boolean> {
  for (let waited = 0; waited < withinMs; waited += POLL_MS) {
    if (!isServiceProcess(pid)) return true;
    await pause(POLL_MS);
  }
  return !isServiceProcess(pid);
}

export class Supervisor implements ServiceManager {
  readonly kind = 'supervisor' as const;
  private readonly states = new Map<string, ServiceState>();
  private closed = false;

  constructor(private readonly options: SupervisorOptions) {}

  async run(action: ServiceAction, name: string): Promise<ServiceResult> {
    const definition = this.definition(name);
    return this.serialized(name, async () => {
      switch (action) {
        case 'start':
          await this.start(name, definition);
          break;
        case 'stop':
          await this.stop(name);
          break;
        case 'restart':
          await this.stop(name);
          await this.start(name, definition);
          break;
        case 'try-restart':
          if ((await this.runningPid(name)) !== undefined) {
            await this.stop(name);
            await this.start(name, definition);
          }
          break;
        case 'status':
          break;
      }
      const active = (await this.runningPid(name)) !== undefined;
      return { service: name, action, active, manager: this.kind };
    });
  }

  /** The pid of the running service, if it runs. */
  async pid(name: string): Promise<number | undefined> {
    this.definition(name);
    return this.serialized(name, () => this.runningPid(name));
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    const owned = [...this.states].filter(([, state]) => state.child || state.restartTimer);
    await Promise.all(owned.map(([name]) => this.serialized(name, () => this.stop(name))));
  }

  private definition(name: string): ServiceDefinition {
    const definition = Object.hasOwn(this.options.services, name)
      ? this.options.services[name]
      : undefined;
    if (!definition) {
      throw new OneKitError('SERVICE_ACTION', `no service named ${name} is configured`, {
        field: name,
      });
    }
    return definition;
  }

  private state(name: string): ServiceState {
    let state = this.states.get(name);
    if (!state) {
      state = { crashes: 0, queue: Promise.resolve() };
      this.states.set(name, state);
    }
    return state;
  }

  private serialized<T>(name: string, action: () => Promise<T>): Promise<T> {
    const state = this.state(name);
    const result = state.queue.then(action, action);
    state.queue = result.catch(() => undefined);
    return result;
  }

  private pidFile(name: string): string {
    return posix.join(this.options.runDir, `${name}.pid`);
  }

  private async runningPid(name: string): Promise<number | undefined> {
    const child = this.states.get(name)?.child;
    if (child && isServiceProcess(child.pid)) return child.pid;
    const pid = await readPidFile(this.pidFile(name));
    return pid !== undefined && isServiceProcess(pid) ? pid : undefined;
  }

  private async start(name: string, definition: ServiceDefinition): Promise<void> {
    const state = this.state(name);
    clearTimeout(state.restartTimer);
    state.restartTimer = undefined;
    if ((await this.runningPid(name)) !== undefined) return;
    state.crashes = 0;
    await this.spawn(name, definition);
  }

  private async spawn(name: string, definition: ServiceDefinition): Promise<void> {
    const { runDir, logDir, env, restart, monotonic } = this.options;
    await mkdir(runDir, { recursive: true });
    await mkdir(logDir, { recursive: true });
    const log = await open(posix.join(logDir, `${name}.log`), 'a', 0o640);
    let child: ChildProcess;
    try {
      child = spawn(definition.command, [...definition.args], {
        detached: true,
        stdio: ['ignore', log.fd, log.fd],
        env: { ...env, ...definition.env },
      });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (err) {
      throw new OneKitError(
        'SERVICE_ACTION',
        `${name} cannot be started: ${(err as Error).message}`,
        { field: name },
        { cause: err },
      );
    } finally {
      await log.close();
    }
    // The agent must be able to exit while its services run on.
    child.unref();
    const running: Child = {
      process: child,
      pid: child.pid!,
      startedAt: monotonic(),
      stopping: false,
    };
    const state = this.state(name);
    state.child = running;
    if (restart) child.once('exit', (code, signal) => this.exited(name, running, code ?? signal));
    await writePidFile(this.pidFile(name), running.pid);
  }

  private async stop(name: string): Promise<void> {
    const state = this.state(name);
    clearTimeout(state.restartTimer);
    state.restartTimer = undefined;
    const pid = await this.runningPid(name);
    if (pid !== undefined) {
      if (state.child?.pid === pid) state.child.stopping = true;
      signalGroup(pid, 'SIGTERM');
      if (!(await waitForExit(pid, this.options.stopGraceMs))) {
        signalGroup(pid, 'SIGKILL');
        if (!(await waitForExit(pid, KILL_DEADLINE_MS))) {
          throw new OneKitError('SERVICE_ACTION', `${name} (pid ${pid}) does not exit`, {
            field: name,
          });
        }
      }
    }
    state.child = undefined;
    await removePidFile(this.pidFile(name));
  }

  private exited(name: string, child: Child, status: number | string | null): void {
    const state = this.state(name);
    if (state.child !== child || child.stopping || this.closed) return;
    state.child = undefined;
    const policy = this.options.restart!;
    if (this.options.monotonic() - child.startedAt >= policy.healthyAfterMs) state.crashes = 0;
    state.crashes += 1;
    if (state.crashes > policy.maxRestarts) {
      this.options.report(
        `${name} exited (${status}) ${state.crashes} times in a row; not restarting it`,
      );
      void this.serialized(name, () => removePidFile(this.pidFile(name)));
      return;
    }
    const delay = restartDelay(state.crashes, policy);
    this.options.report(`${name} exited (${status}); restarting it in ${delay} ms`);
    state.restartTimer = setTimeout(() => {
      state.restartTimer = undefined;
      this.serialized(name, async () => {
        if (this.closed || (await this.runningPid(name)) !== undefined) return;
        await this.spawn(name, this.definition(name));
      }).catch((err: unknown) =>
        this.options.report(`${name} cannot be restarted: ${(err as Error).message}`),
      );
    }, delay);
  }
}
