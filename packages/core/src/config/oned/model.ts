// The parts of oned.conf OneKit acts on, typed, with the defaults a missing key takes.
// RAFT defaults are the values of the shipped oned.conf (HEAD), not oned's compiled-in
// fallbacks; LISTEN_ADDRESS defaults to loopback because OneKit binds 127.0.0.1 unless told.
import type { Template } from '../../template/model.js';

export const federationModes = ['STANDALONE', 'MASTER', 'SLAVE', 'CACHE'] as const;
export type FederationMode = (typeof federationModes)[number];

export const dbBackends = ['sqlite', 'mysql'] as const;
export type DbBackend = (typeof dbBackends)[number];

export interface OnedDbConfig {
  backend: DbBackend;
  /** MySQL host. */
  server: string;
  /** MySQL port; 0 = the driver's default (3306). */
  port: number;
  user: string;
  passwd: string;
  dbName: string;
  /** Connection pool size (MySQL). */
  connections: number;
  /** Character set of the connections; empty = server default. */
  encoding: string;
  /** Compare strings with BINARY (case-sensitive name searches). */
  compareBinary: boolean;
  /** SQLite busy timeout. */
  timeoutMs: number;
  /** Consecutive DB errors before an HA server steps down; -1 disables. */
  errorsLimit: number;
}

export interface FederationConfig {
  mode: FederationMode;
  /** Always 0 in STANDALONE, whatever the file says (as oned does). */
  zoneId: number;
  /** -1 = solo server (no HA). */
  serverId: number;
  masterOned: string;
  masterOnedGrpc: string;
}

export interface RaftConfig {
  limitPurge: number;
  logRetention: number;
  logPurgeTimeoutSeconds: number;
  electionTimeoutMs: number;
  broadcastTimeoutMs: number;
  /** 0 = no timeout. */
  xmlrpcTimeoutMs: number;
}

export interface RaftHook {
  /** Absolute, or relative to the hooks directory (see hookCommandPath). */
  command: string;
  /** Split on blanks when run; no quoting. */
  arguments: string;
}

export interface OnedConfig {
  port: number;
  listenAddress: string;
  db: OnedDbConfig;
  federation: FederationConfig;
  raft: RaftConfig;
  /** Run on follower → leader; undefined when absent or its COMMAND is empty. */
  raftLeaderHook?: RaftHook;
  /** Run on leader → follower and at start when SERVER_ID ≥ 0. */
  raftFollowerHook?: RaftHook;
  /** Needed to create VMs whose CONTEXT asks for a OneGate token. */
  onegateEndpoint?: string;
}

/** A parsed oned.conf: the typed keys plus the whole template for everything else. */
export interface OnedConf extends OnedConfig {
  template: Template;
}

export function defaultOnedConfig(): OnedConfig {
  return {
    port: 2633,
    listenAddress: '127.0.0.1',
    db: {
      backend: 'sqlite',
      server: 'localhost',
      port: 0,
      user: 'oneadmin',
      passwd: 'oneadmin',
      dbName: 'opennebula',
      connections: 25,
      encoding: '',
      compareBinary: false,
      timeoutMs: 2500,
      errorsLimit: 25,
    },
    federation: { mode: 'STANDALONE', zoneId: 0, serverId: -1, masterOned: '', masterOnedGrpc: '' },
    raft: {
      limitPurge: 100000,
      logRetention: 250000,
      logPurgeTimeoutSeconds: 60,
      electionTimeoutMs: 5000,
      broadcastTimeoutMs: 500,
      xmlrpcTimeoutMs: 1000,
    },
  };
}
