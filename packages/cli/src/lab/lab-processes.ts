// The processes of a lab host: its root (oned.conf on its own address, oneadmin's
// one_auth, onekit-agent.yaml) and its agent, `onekit-agent serve`, started in a session
// of its own with its pid recorded in the lab directory. The agent supervises the host's
// daemon as the service `opennebula` and runs OneKit's onedb for database dumps.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Environment,
  OneKitError,
  readTextIfExists,
  resolvePaths,
  writeFileAtomic,
} from '@onekit/core';
import { daemonExecutable, prepareRoot, processExists } from '../local-frontend/index.js';
import type { LabHostSpec, LabSpec } from './lab-layout.js';
import { acceptsConnections } from '../transport/port-probe.js';
import { labTokenFile } from './lab-state.js';

/** `onekit-agent`'s executable, from the @onekit/agent package beside this one. */
export function agentExecutable(): string {
  return fileURLToPath(new URL('../bin/onekit-agent.js', import.meta.resolve('@onekit/agent')));
}

/** This package's own executables (onezone, onedb). */
export function cliExecutable(name: string): string {
  return fileURLToPath(new URL(`../../bin/${name}.js`, import.meta.url));
}

export function agentPidFile(dir: string, host: LabHostSpec): string {
  return posix.join(dir, 'pids', `${host.name}.agent.pid`);
}

/** The daemon's pid, as the agent's supervisor records it. */
export function daemonPidFile(host: LabHostSpec): string {
  return posix.join(resolvePaths({ oneLocation: host.location }).run, 'opennebula.pid');
}

export async function readPid(file: string): Promise<number | undefined> {
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid in the file, when that process still runs. */
export async function livePid(file: string): Promise<number | undefined> {
  const pid = await readPid(file);
  return pid !== undefined && processExists(pid) ? pid : undefined;
}

/** Writes what the host's root lacks; an existing root keeps its files. */
export async function prepareLabHost(o: {
  dir: string;
  host: LabHostSpec;
  spec: LabSpec;
  randomSecret: () => string;
}): Promise<void> {
  const { host } = o;
  const root = await prepareRoot({
    location: host.location,
    address: host.address,
    port: o.spec.port,
    randomSecret: o.randomSecret,
  });
  const paths = root.paths;
  await mkdir(posix.join(paths.var, 'backups', 'ha'), { recursive: true });
  await mkdir(posix.join(host.location, 'home'), { recursive: true });
  const node = JSON.stringify(process.execPath);
  const lines = [
    `listen_address: ${host.address}`,
    `port: ${o.spec.agentPort}`,
    `token_file: ${JSON.stringify(labTokenFile(o.dir))}`,
    'service_manager: supervisor',
    `allowed_roots: ${JSON.stringify([paths.etc, paths.oneDir, posix.join(paths.var, 'backups', 'ha')])}`,
    'services:',
    '  opennebula:',
    `    command: ${node}`,
    `    args: ${JSON.stringify([daemonExecutable()])}`,
    'onedb:',
    `  command: ${node}`,
    `  args: ${JSON.stringify([cliExecutable('onedb')])}`,
  ];
  await writeFileAtomic(posix.join(paths.etc, 'onekit-agent.yaml'), `${lines.join('\n')}\n`);
}

/** Starts the host's agent unless its recorded pid runs; resolves once it accepts connections. */
export async function startLabAgent(o: {
  dir: string;
  host: LabHostSpec;
  spec: LabSpec;
  env: Environment;
  deadlineMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}): Promise<{ pid: number; started: boolean }> {
  const pidFile = agentPidFile(o.dir, o.host);
  const running = await livePid(pidFile);
  if (running !== undefined) return { pid: running, started: false };
  const paths = resolvePaths({ oneLocation: o.host.location });
  await mkdir(paths.log, { recursive: true });
  await mkdir(posix.dirname(pidFile), { recursive: true });
  const out = openSync(posix.join(paths.log, 'onekit-agent.out'), 'a', 0o600);
  let pid: number;
  try {
    const child = spawn(process.execPath, [agentExecutable(), 'serve'], {
      env: {
        PATH: o.env['PATH'] ?? '/usr/bin:/bin',
        ONE_LOCATION: o.host.location,
        HOME: posix.join(o.host.location, 'home'),
      },
      detached: true,
      stdio: ['ignore', out, out],
    });
    pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid!));
      child.once('error', (err) =>
        reject(new OneKitError('SERVICE_ACTION', `cannot run onekit-agent: ${err.message}`, {})),
      );
    });
    child.unref();
  } finally {
    closeSync(out);
  }
  await writeFile(pidFile, `${pid}\n`);
  const deadline = o.now() + o.deadlineMs;
  while (!(await acceptsConnections(o.host.address, o.spec.agentPort, { timeoutMs: 1_000 }))) {
    if (!processExists(pid) || o.now() >= deadline) {
      throw new OneKitError(
        'SERVICE_ACTION',
        `the agent of ${o.host.name} did not listen on ${o.host.agent} (see ${posix.join(paths.log, 'onekit-agent.out')})`,
        { field: o.host.name },
      );
    }
    await o.sleep(100);
  }
  return { pid, started: true };
}

/**
 * Stops the host's agent (SIGTERM: it stops the daemon it supervises) and then the daemon
 * if it still runs; SIGKILL for what has not ended by the deadline. Forgets the pid.
 */
export async function stopLabHost(o: {
  dir: string;
  host: LabHostSpec;
  deadlineMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}): Promise<number[]> {
  const stopped: number[] = [];
  for (const file of [agentPidFile(o.dir, o.host), daemonPidFile(o.host)]) {
    const pid = await livePid(file);
    if (pid !== undefined) {
      await stopProcess(pid, o);
      stopped.push(pid);
    }
    await rm(file, { force: true });
  }
  return stopped;
}

async function stopProcess(
  pid: number,
  o: { deadlineMs: number; sleep: (ms: number) => Promise<void>; now: () => number },
): Promise<void> {
  signal(pid, 'SIGTERM');
  const deadline = o.now() + o.deadlineMs;
  while (processExists(pid)) {
    if (o.now() >= deadline) {
      signal(pid, 'SIGKILL');
      return;
    }
    await o.sleep(100);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    // Gone in the meantime: that is what was wanted.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
