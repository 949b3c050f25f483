import { OneKitError, type Environment } from '@onekit/core';
import type { Progress } from '../io/index.js';
import {
  spawnDaemon,
  stopProcess,
  waitUntilAnswering,
  type DaemonChild,
} from './daemon-process.js';
import { prepareRoot, readRoot, type FrontendRoot } from './frontend-root.js';
import { removePidFile, runningDaemonPid, writePidFile } from './pid-file.js';

// `onekit start`, `onekit stop` and `onekit daemon status`: a local front-end is a
// self-contained root plus the daemon process serving it.

const startDeadlineMs = 30_000;
const stopDeadlineMs = 30_000;

/** What start and status report. */
export interface FrontendStatus {
  location: string;
  running: boolean;
  pid?: number;
  endpoint: string;
  /** The ONE_AUTH file of the root's oneadmin. */
  oneAuth: string;
  /** The version one.system.version answered, when the daemon was just started. */
  version?: string;
  /** Files created by this start (a new root). */
  created?: string[];
}

export interface StartFrontendOptions {
  location: string;
  address?: string;
  port?: number;
  detach: boolean;
  /** `onekit daemon start`: the root must exist already. */
  existingRoot?: boolean;
  env: Environment;
  randomSecret: () => string;
  /** Where an attached daemon's output goes. */
  output: NodeJS.WritableStream;
  progress: Pick<Progress, 'start' | 'succeed' | 'fail'>;
}

export interface StartedFrontend {
  status: FrontendStatus;
  /** Resolves when the daemon process ends. */
  exited: Promise<string>;
  /** SIGTERM, wait for the exit, forget the pid. */
  stop(): Promise<void>;
}

export async function startFrontend(options: StartFrontendOptions): Promise<StartedFrontend> {
  const { progress } = options;
  const root: FrontendRoot = options.existingRoot
    ? { ...(await readRoot(options.location)), created: [] }
    : await prepareRoot(options);
  for (const file of root.created) {
    progress.start(`Creating ${file}`);
    progress.succeed();
  }
  const already = await runningDaemonPid(root.paths);
  if (already !== undefined) {
    throw new OneKitError(
      'DAEMON_START',
      `onekit-daemon is already running in ${options.location} (pid ${already})`,
      { field: 'location' },
    );
  }
  progress.start(`Starting onekit-daemon on ${root.endpoint}`);
  let child: DaemonChild | undefined;
  let version: string;
  try {
    child = await spawnDaemon({
      paths: root.paths,
      env: options.env,
      detach: options.detach,
      output: options.output,
    });
    await writePidFile(root.paths, child.pid);
    version = await waitUntilAnswering({
      paths: root.paths,
      endpoint: root.endpoint,
      child,
      deadlineMs: startDeadlineMs,
    });
  } catch (err) {
    progress.fail();
    // A daemon that never answered is not left behind.
    if (child) await stopProcess(child.pid, { deadlineMs: stopDeadlineMs });
    await removePidFile(root.paths);
    throw err;
  }
  const started = child;
  progress.succeed();
  let stopping: Promise<void> | undefined;
  return {
    status: {
      location: options.location,
      running: true,
      pid: started.pid,
      endpoint: root.endpoint,
      oneAuth: root.paths.oneAuth,
      version,
      created: root.created,
    },
    exited: started.exited,
    stop() {
      stopping ??= (async () => {
        await stopProcess(started.pid, { deadlineMs: stopDeadlineMs });
        await removePidFile(root.paths);
      })();
      return stopping;
    },
  };
}

/** Stops the daemon recorded in the root; a root whose daemon is not running is left as is. */
export async function stopFrontend(location: string): Promise<FrontendStatus> {
  const root = await readRoot(location);
  const pid = await runningDaemonPid(root.paths);
  if (pid !== undefined) await stopProcess(pid, { deadlineMs: stopDeadlineMs });
  await removePidFile(root.paths);
  return {
    location,
    running: false,
    ...(pid === undefined ? {} : { pid }),
    endpoint: root.endpoint,
    oneAuth: root.paths.oneAuth,
  };
}

export async function frontendStatus(location: string): Promise<FrontendStatus> {
  const root = await readRoot(location);
  const pid = await runningDaemonPid(root.paths);
  return {
    location,
    running: pid !== undefined,
    ...(pid === undefined ? {} : { pid }),
    endpoint: root.endpoint,
    oneAuth: root.paths.oneAuth,
  };
}

/** The lines a shell evaluates to use the front-end: `eval "$(onekit start --detach)"`. */
export function exportLines(status: FrontendStatus): string {
  return `export ONE_XMLRPC=${status.endpoint}\nexport ONE_AUTH=${status.oneAuth}\n`;
}

export function renderStatus(status: FrontendStatus): string {
  const state = status.running ? `running (pid ${status.pid})` : 'not running';
  return `${status.location}: onekit-daemon ${state}, endpoint ${status.endpoint}\n`;
}

export function renderStopped(status: FrontendStatus): string {
  return status.pid === undefined
    ? `onekit-daemon is not running in ${status.location}\n`
    : `onekit-daemon (pid ${status.pid}) stopped\n`;
}
