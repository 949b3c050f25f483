// The operations of this host assembled from its paths and agent config: what the agent
// process serves and what the CLI's local transport calls in-process.
import { randomBytes } from 'node:crypto';
import { platform, release } from 'node:os';
import type { Environment, OnePaths } from '@onekit/core';
import { fileRoots, type AgentConfig } from '../config/index.js';
import type { CommandRunner } from '../exec/index.js';
import { HostFiles } from '../files/index.js';
import { createServiceManager, systemdRuns, type ServiceManager } from '../services/index.js';
import type { RestartPolicy } from '../supervisor/index.js';
import { hostVersions, readOsRelease } from '../versions/index.js';
import { AgentOperations } from './agent-operations.js';
import type { AgentClock } from './request-processor.js';

export interface HostOperationsOptions {
  readonly paths: OnePaths;
  readonly config: AgentConfig;
  /** The environment supervised services start with. */
  readonly env: Environment;
  /** Runs systemctl and onedb. */
  readonly runner: CommandRunner;
  readonly clock: AgentClock;
  /** Restart crashed services: only a long-running agent can. */
  readonly restart?: RestartPolicy;
  /** SIGTERM → SIGKILL grace of the supervisor (default 10 s). */
  readonly stopGraceMs?: number;
  /** Supervisor events (crashes, restarts). */
  readonly report: (line: string) => void;
  /** Whether systemd runs, for `service_manager: auto` (default: /run/systemd/system exists). */
  readonly detectSystemd?: () => Promise<boolean>;
  /** Random bytes for backup names (default: node:crypto). */
  readonly randomBytes?: (size: number) => Uint8Array;
}

export interface HostOperations {
  readonly operations: AgentOperations;
  /** The file operations on their own, for callers in the same process (no base64). */
  readonly files: HostFiles;
  readonly services: ServiceManager;
}

export async function createHostOperations(o: HostOperationsOptions): Promise<HostOperations> {
  const random = o.randomBytes ?? randomBytes;
  const services = await createServiceManager({
    config: o.config,
    detectSystemd: o.detectSystemd ?? (() => systemdRuns()),
    runner: o.runner,
    supervisor: {
      runDir: o.paths.run,
      logDir: o.paths.log,
      env: o.env,
      stopGraceMs: o.stopGraceMs ?? 10_000,
      ...(o.restart ? { restart: o.restart } : {}),
      monotonic: o.clock.monotonic,
      report: o.report,
    },
  });
  const files = new HostFiles({
    roots: fileRoots(o.config, o.paths),
    now: o.clock.now,
    uniqueSuffix: () => Buffer.from(random(3)).toString('hex'),
  });
  const operations = new AgentOperations({
    paths: o.paths,
    files,
    services,
    onedb: { onedb: o.config.onedb, runner: o.runner },
    versions: () =>
      hostVersions({
        paths: o.paths,
        platform: platform(),
        release: release(),
        osRelease: () => readOsRelease(),
        // onedb reads any backend's versioning tables (exit 0-3: it printed them).
        onedbVersion: async () => {
          const { command, args } = o.config.onedb;
          const r = await o.runner(command, [...args, 'version']).catch(() => undefined);
          return r && r.exitCode >= 0 && r.exitCode <= 3 ? r.stdout : undefined;
        },
      }),
  });
  return { operations, files, services };
}
