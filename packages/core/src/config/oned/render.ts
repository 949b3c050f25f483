// oned.conf text for a fresh OneKit root: the typed keys with short comments, hooks and
// ONEGATE_ENDPOINT commented out when unset. parseOnedConf(renderOnedConf(c)) gives back c.
// Only the typed keys are written; files with other keys are edited, not re-rendered.
import { OneKitError } from '../../errors/index.js';
import { defaultOnedConfig, type OnedConfig, type OnedDbConfig, type RaftHook } from './model.js';

export function renderOnedConf(config: OnedConfig): string {
  const { federation: fed, raft } = config;
  return [
    '# oned.conf written by OneKit. OpenNebula template syntax: NAME = value, NAME = [ K = v, ... ].',
    '',
    '# XML-RPC API: port and the address it binds (OneKit binds loopback unless told otherwise).',
    `PORT = ${config.port}`,
    `LISTEN_ADDRESS = ${quote(config.listenAddress, 'LISTEN_ADDRESS')}`,
    '',
    '# Database: BACKEND sqlite (file one.db in the var directory) or mysql.',
    ...renderDb(config.db),
    '',
    '# Federation: MODE STANDALONE, MASTER, SLAVE or CACHE. ZONE_ID is forced to 0 in STANDALONE;',
    "# SERVER_ID -1 runs a solo server, >= 0 joins the zone's Raft group (id from onezone server-add);",
    "# MASTER_ONED is the master zone's XML-RPC endpoint, required for SLAVE and CACHE.",
    vector('FEDERATION', [
      ['MODE', quote(fed.mode, 'FEDERATION/MODE')],
      ['ZONE_ID', String(fed.zoneId)],
      ['SERVER_ID', String(fed.serverId)],
      ['MASTER_ONED', quote(fed.masterOned, 'FEDERATION/MASTER_ONED')],
      ['MASTER_ONED_GRPC', quote(fed.masterOnedGrpc, 'FEDERATION/MASTER_ONED_GRPC')],
    ]),
    '',
    '# Raft: records purged per pass, records kept for lagging servers, purge period (s),',
    '# election timeout, heartbeat period and replicate/vote call timeout (ms, 0 = none).',
    vector('RAFT', [
      ['LIMIT_PURGE', String(raft.limitPurge)],
      ['LOG_RETENTION', String(raft.logRetention)],
      ['LOG_PURGE_TIMEOUT', String(raft.logPurgeTimeoutSeconds)],
      ['ELECTION_TIMEOUT_MS', String(raft.electionTimeoutMs)],
      ['BROADCAST_TIMEOUT_MS', String(raft.broadcastTimeoutMs)],
      ['XMLRPC_TIMEOUT_MS', String(raft.xmlrpcTimeoutMs)],
    ]),
    '',
    "# Raft hooks move the zone's floating IP: COMMAND relative to the hooks directory,",
    '# ARGUMENTS "<leader|follower> <interface> <ip/cidr> [<interface> <ip/cidr> ...]".',
    ...renderHook('RAFT_LEADER_HOOK', config.raftLeaderHook, 'leader'),
    ...renderHook('RAFT_FOLLOWER_HOOK', config.raftFollowerHook, 'follower'),
    '',
    '# OneGate endpoint handed to VMs that ask for a token (CONTEXT TOKEN = YES).',
    config.onegateEndpoint === undefined
      ? '# ONEGATE_ENDPOINT = "http://127.0.0.1:5030"'
      : `ONEGATE_ENDPOINT = ${quote(config.onegateEndpoint, 'ONEGATE_ENDPOINT')}`,
    '',
  ].join('\n');
}

/** The oned.conf OneKit writes into a fresh root. */
export function defaultOnedConfText(): string {
  return renderOnedConf(defaultOnedConfig());
}

function renderDb(db: OnedDbConfig): string[] {
  const defaults = defaultOnedConfig().db;
  const keys: Array<[string, keyof OnedDbConfig]> = [
    ['BACKEND', 'backend'],
    ['SERVER', 'server'],
    ['PORT', 'port'],
    ['USER', 'user'],
    ['PASSWD', 'passwd'],
    ['DB_NAME', 'dbName'],
    ['CONNECTIONS', 'connections'],
    ['ENCODING', 'encoding'],
    ['COMPARE_BINARY', 'compareBinary'],
    ['TIMEOUT', 'timeoutMs'],
    ['ERRORS_LIMIT', 'errorsLimit'],
  ];
  const format = (name: string, value: string | number | boolean) =>
    typeof value === 'number'
      ? String(value)
      : quote(typeof value === 'boolean' ? (value ? 'YES' : 'NO') : value, `DB/${name}`);
  // Each backend shows the keys it uses; any other key is written only when it differs
  // from its default, so the text reads like a hand-written file and still round-trips.
  const shown = new Set(
    db.backend === 'mysql'
      ? ['BACKEND', 'SERVER', 'PORT', 'USER', 'PASSWD', 'DB_NAME', 'CONNECTIONS']
      : ['BACKEND', 'TIMEOUT'],
  );
  const pairs = keys
    .filter(([name, field]) => shown.has(name) || db[field] !== defaults[field])
    .map(([name, field]): [string, string] => [name, format(name, db[field])]);
  const sample =
    db.backend === 'sqlite'
      ? [
          '# MySQL/MariaDB instead:',
          '# DB = [ BACKEND = "mysql", SERVER = "localhost", PORT = 0, USER = "oneadmin",',
          '#        PASSWD = "oneadmin", DB_NAME = "opennebula", CONNECTIONS = 25 ]',
        ]
      : [];
  return [vector('DB', pairs), ...sample];
}

function renderHook(name: string, hook: RaftHook | undefined, role: string): string[] {
  if (hook === undefined) {
    return [`# ${name} = [ COMMAND = "raft/vip.sh", ARGUMENTS = "${role} eth0 10.0.0.2/24" ]`];
  }
  return [
    vector(name, [
      ['COMMAND', quote(hook.command, `${name}/COMMAND`)],
      ['ARGUMENTS', quote(hook.arguments, `${name}/ARGUMENTS`)],
    ]),
  ];
}

function vector(name: string, pairs: Array<[string, string]>): string {
  const width = Math.max(...pairs.map(([key]) => key.length));
  const lines = pairs.map(([key, value]) => `  ${key.padEnd(width)} = ${value}`);
  return `${name} = [\n${lines.join(',\n')}\n]`;
}

/** A double-quoted template value; `\"` is the syntax's only escape. */
function quote(value: string, field: string): string {
  if (value.endsWith('\\') || value.includes(']]>')) {
    throw new OneKitError(
      'CONFIG_INVALID',
      `${field}: this value cannot be written in template syntax`,
      { field },
    );
  }
  return `"${value.replaceAll('"', '\\"')}"`;
}
