// The service manager a host uses: the configured one, or for `auto` systemd when it runs
// (it creates /run/systemd/system at boot) and the agent's supervisor otherwise.
import { access } from 'node:fs/promises';
import type { AgentConfig, ServiceManagerChoice } from '../config/index.js';
import type { CommandRunner } from '../exec/index.js';
import type { ServiceManagerKind } from '../protocol/index.js';
import { Supervisor, type SupervisorOptions } from '../supervisor/index.js';
import type { ServiceManager } from './service-manager.js';
import { Systemd } from './systemd.js';

export const SYSTEMD_RUNTIME_DIR = '/run/systemd/system';

/** Whether systemd runs, judged by the directory it creates at boot. */
export async function systemdRuns(runtimeDir = SYSTEMD_RUNTIME_DIR): Promise<boolean> {
  try {
    await access(runtimeDir);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

export async function chooseServiceManager(
  choice: ServiceManagerChoice,
  detectSystemd: () => Promise<boolean>,
): Promise<ServiceManagerKind> {
  if (choice !== 'auto') return choice;
  return (await detectSystemd()) ? 'systemd' : 'supervisor';
}

export interface ServiceManagerOptions {
  readonly config: AgentConfig;
  readonly detectSystemd: () => Promise<boolean>;
  /** Runs systemctl. */
  readonly runner: CommandRunner;
  /** The supervisor's settings other than the services, which come from the config. */
  readonly supervisor: Omit<SupervisorOptions, 'services'>;
}

export async function createServiceManager(o: ServiceManagerOptions): Promise<ServiceManager> {
  const kind = await chooseServiceManager(o.config.serviceManager, o.detectSystemd);
  return kind === 'systemd'
    ? new Systemd({ services: Object.keys(o.config.services), runner: o.runner })
    : new Supervisor({ ...o.supervisor, services: o.config.services });
}
