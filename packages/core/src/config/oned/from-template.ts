// Reads the typed oned.conf keys out of a parsed template and checks them the way oned
// does at start (FEDERATION), plus the sanity rules OneKit adds (ranges, Raft timers).
import type { SourcePosition, Template, VectorAttribute } from '../../template/model.js';
import {
  dbBackends,
  defaultOnedConfig,
  federationModes,
  type FederationConfig,
  type OnedConf,
  type OnedDbConfig,
  type RaftConfig,
  type RaftHook,
} from './model.js';
import { OnedConfReader } from './values.js';

const maxPort = 65535;

export function onedConfFromTemplate(
  template: Template,
  options: { file?: string } = {},
): OnedConf {
  const read = new OnedConfReader(template, options.file);
  const defaults = defaultOnedConfig();
  const leader = readHook(read, 'RAFT_LEADER_HOOK');
  const follower = readHook(read, 'RAFT_FOLLOWER_HOOK');
  const onegate = read.single('ONEGATE_ENDPOINT')?.value.trim();
  return {
    port: read.integer(read.single('PORT'), defaults.port, { min: 0, max: maxPort }),
    listenAddress: readListenAddress(read, defaults.listenAddress),
    db: readDb(read, defaults.db),
    federation: readFederation(read, defaults.federation),
    raft: readRaft(read, defaults.raft),
    ...(leader ? { raftLeaderHook: leader } : {}),
    ...(follower ? { raftFollowerHook: follower } : {}),
    ...(onegate ? { onegateEndpoint: onegate } : {}),
    template,
  };
}

function readListenAddress(read: OnedConfReader, fallback: string): string {
  const entry = read.single('LISTEN_ADDRESS');
  if (entry !== undefined && entry.value.trim() === '')
    read.fail(entry.field, 'must not be empty', entry.at);
  return entry?.value.trim() ?? fallback;
}

function readDb(read: OnedConfReader, d: OnedDbConfig): OnedDbConfig {
  const db = read.vector('DB');
  const key = (name: string) => read.pair(db, name);
  return {
    backend: read.choice(key('BACKEND'), d.backend, dbBackends),
    server: read.text(key('SERVER'), d.server),
    port: read.integer(key('PORT'), d.port, { min: 0, max: maxPort }),
    user: read.text(key('USER'), d.user),
    passwd: read.text(key('PASSWD'), d.passwd),
    dbName: read.text(key('DB_NAME'), d.dbName),
    connections: read.integer(key('CONNECTIONS'), d.connections, { min: 1 }),
    encoding: read.text(key('ENCODING'), d.encoding),
    compareBinary: read.yesNo(key('COMPARE_BINARY'), d.compareBinary),
    timeoutMs: read.integer(key('TIMEOUT'), d.timeoutMs, { min: 0 }),
    errorsLimit: read.integer(key('ERRORS_LIMIT'), d.errorsLimit, { min: -1 }),
  };
}

function readFederation(read: OnedConfReader, d: FederationConfig): FederationConfig {
  const fed = read.vector('FEDERATION');
  if (fed === undefined) return d;
  const key = (name: string) => read.pair(fed, name);
  const modeEntry = key('MODE');
  // oned refuses a FEDERATION vector without a valid MODE rather than assuming one.
  if (modeEntry === undefined)
    read.fail('FEDERATION/MODE', `is required, one of ${federationModes.join(', ')}`, fed.at);
  const mode = read.choice(modeEntry, d.mode, federationModes, (text) => text.toUpperCase());
  const zoneEntry = key('ZONE_ID');
  const zoneId = read.integer(zoneEntry, d.zoneId, { min: 0 });
  const masterOned = read.text(key('MASTER_ONED'), d.masterOned).trim();
  const masterOnedGrpc = read.text(key('MASTER_ONED_GRPC'), d.masterOnedGrpc).trim();
  if ((mode === 'MASTER' || mode === 'SLAVE') && zoneEntry === undefined) {
    read.fail('FEDERATION/ZONE_ID', `must be set when MODE is ${mode}`, at(fed, modeEntry));
  }
  if ((mode === 'SLAVE' || mode === 'CACHE') && masterOned === '' && masterOnedGrpc === '') {
    read.fail(
      'FEDERATION/MASTER_ONED',
      `must name the master's endpoint when MODE is ${mode}`,
      at(fed, modeEntry),
    );
  }
  return {
    mode,
    zoneId: mode === 'STANDALONE' ? 0 : zoneId,
    serverId: read.integer(key('SERVER_ID'), d.serverId, { min: -1 }),
    masterOned,
    masterOnedGrpc,
  };
}

function readRaft(read: OnedConfReader, d: RaftConfig): RaftConfig {
  const raft = read.vector('RAFT');
  const key = (name: string) => read.pair(raft, name);
  const election = key('ELECTION_TIMEOUT_MS');
  const broadcast = key('BROADCAST_TIMEOUT_MS');
  const config: RaftConfig = {
    limitPurge: read.integer(key('LIMIT_PURGE'), d.limitPurge, { min: 1 }),
    logRetention: read.integer(key('LOG_RETENTION'), d.logRetention, { min: 0 }),
    logPurgeTimeoutSeconds: read.integer(key('LOG_PURGE_TIMEOUT'), d.logPurgeTimeoutSeconds, {
      min: 1,
    }),
    electionTimeoutMs: read.integer(election, d.electionTimeoutMs, { min: 1 }),
    broadcastTimeoutMs: read.integer(broadcast, d.broadcastTimeoutMs, { min: 1 }),
    xmlrpcTimeoutMs: read.integer(key('XMLRPC_TIMEOUT_MS'), d.xmlrpcTimeoutMs, { min: 0 }),
  };
  // Heartbeats slower than the election timeout make followers depose a healthy leader.
  if (config.broadcastTimeoutMs >= config.electionTimeoutMs) {
    const entry = broadcast ?? election;
    read.fail(
      entry?.field ?? 'RAFT/BROADCAST_TIMEOUT_MS',
      `BROADCAST_TIMEOUT_MS (${config.broadcastTimeoutMs}) must be less than ELECTION_TIMEOUT_MS (${config.electionTimeoutMs})`,
      entry?.at,
    );
  }
  return config;
}

function readHook(read: OnedConfReader, name: string): RaftHook | undefined {
  const hook = read.vector(name);
  const command = read.text(read.pair(hook, 'COMMAND'), '').trim();
  // oned ignores a hook with an empty COMMAND (with a warning in its log).
  if (command === '') return undefined;
  return { command, arguments: read.text(read.pair(hook, 'ARGUMENTS'), '').trim() };
}

function at(
  vector: VectorAttribute,
  entry: { at?: SourcePosition } | undefined,
): SourcePosition | undefined {
  return entry?.at ?? vector.at;
}
