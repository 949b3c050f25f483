// What an agent is configured with, and what an absent key means. The file is
// `<etc>/onekit-agent.yaml`; every path in it is absolute.
import { posix } from 'node:path';
import type { OnePaths } from '@onekit/core';
import { DEFAULT_AGENT_PORT } from '../protocol/index.js';

export type ServiceManagerChoice = 'systemd' | 'supervisor' | 'auto';
export const serviceManagerChoices: readonly ServiceManagerChoice[] = [
  'systemd',
  'supervisor',
  'auto',
];

/** A service the agent may act on; the supervisor runs `command args` with `env` added. */
export interface ServiceDefinition {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface AgentConfig {
  readonly listenAddress: string;
  readonly port: number;
  /** Holds the bearer token clients must send; created 0600 on the first serve. */
  readonly tokenFile: string;
  /** HTTPS when both are given. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Directories file operations may touch; the serversync backup directory is always added. */
  readonly allowedRoots: readonly string[];
  readonly serviceManager: ServiceManagerChoice;
  /** The services `service` actions may name: the allow-list for systemd, the programs for the supervisor. */
  readonly services: Readonly<Record<string, ServiceDefinition>>;
  /** The `onedb` executable database backups and restores run. */
  readonly onedb: { readonly command: string; readonly args: readonly string[] };
  /** One line per request. */
  readonly logFile: string;
}

export const AGENT_CONFIG_FILE = 'onekit-agent.yaml';

export function defaultAgentConfigFile(paths: OnePaths): string {
  return posix.join(paths.etc, AGENT_CONFIG_FILE);
}

/** Where serversync keeps what it replaced: file operations may always write there. */
export function serversyncBackupRoot(paths: OnePaths): string {
  return posix.join(paths.var, 'backups', 'serversync');
}

export function defaultAgentConfig(paths: OnePaths): AgentConfig {
  return {
    listenAddress: '127.0.0.1',
    port: DEFAULT_AGENT_PORT,
    tokenFile: posix.join(paths.oneDir, 'agent_token'),
    allowedRoots: [paths.etc],
    serviceManager: 'auto',
    services: { opennebula: { command: 'onekit-daemon', args: [], env: {} } },
    onedb: { command: 'onedb', args: [] },
    logFile: posix.join(paths.log, 'onekit-agent.log'),
  };
}

/** The roots file operations get: the configured ones plus the serversync backups. */
export function fileRoots(config: AgentConfig, paths: OnePaths): string[] {
  const backups = serversyncBackupRoot(paths);
  return config.allowedRoots.includes(backups)
    ? [...config.allowedRoots]
    : [...config.allowedRoots, backups];
}
