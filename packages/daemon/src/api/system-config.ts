// one.system.config: OPENNEBULA_CONFIGURATION built from oned.conf as the daemon runs
// with it. The typed keys (PORT, LISTEN_ADDRESS, DB, FEDERATION, RAFT) carry their
// effective values, defaults included, as oned's own configuration object does; every
// other key comes from the file. Only what the schema knows is written, in its order,
// with values of the declared type (others are left out rather than sent invalid).
// Callers outside the oneadmin group do not see the DB connection keys: oned prints them
// as "***", which the schema's types refuse, so they are left out instead.
import { Template, cdata, type OnedConf, type VectorPair } from '@onekit/core';
import { configurationSchema, type ConfigValueType } from './configuration-schema.js';

/** DB keys only oneadmin's group may read. */
export const HIDDEN_DB_KEYS: ReadonlySet<string> = new Set([
  'BACKEND',
  'SERVER',
  'PORT',
  'USER',
  'PASSWD',
  'DB_NAME',
]);

const XSD_INTEGER = /^\s*[+-]?\d+\s*$/;
const YES_NO = /^(?:[yY][eE][sS]|[nN][oO])$/;

function fits(value: string, type: ConfigValueType): boolean {
  if (type === 'string') return true;
  if (type === 'integer') return XSD_INTEGER.test(value);
  if (type === 'yesno') return YES_NO.test(value);
  return type.includes(value);
}

function withVector(template: Template, name: string, values: Record<string, string>): void {
  const pairs = new Map<string, string>(
    template.getVector(name)?.pairs.map((p) => [p.key, p.value]),
  );
  for (const [key, value] of Object.entries(values)) pairs.set(key, value);
  template.remove(name).addVector(name, Object.fromEntries(pairs));
}

/** The file's template with the typed keys replaced by their effective values. */
export function effectiveConfiguration(conf: OnedConf): Template {
  const template = conf.template.clone();
  template.set('PORT', String(conf.port));
  template.set('LISTEN_ADDRESS', conf.listenAddress);
  const { db, federation: fed, raft } = conf;
  withVector(template, 'DB', {
    BACKEND: db.backend,
    SERVER: db.server,
    PORT: String(db.port),
    USER: db.user,
    PASSWD: db.passwd,
    DB_NAME: db.dbName,
    CONNECTIONS: String(db.connections),
    COMPARE_BINARY: db.compareBinary ? 'YES' : 'NO',
    TIMEOUT: String(db.timeoutMs),
  });
  withVector(template, 'FEDERATION', {
    MODE: fed.mode,
    ZONE_ID: String(fed.zoneId),
    SERVER_ID: String(fed.serverId),
    MASTER_ONED: fed.masterOned,
  });
  withVector(template, 'RAFT', {
    LIMIT_PURGE: String(raft.limitPurge),
    LOG_RETENTION: String(raft.logRetention),
    LOG_PURGE_TIMEOUT: String(raft.logPurgeTimeoutSeconds),
    ELECTION_TIMEOUT_MS: String(raft.electionTimeoutMs),
    BROADCAST_TIMEOUT_MS: String(raft.broadcastTimeoutMs),
    XMLRPC_TIMEOUT_MS: String(raft.xmlrpcTimeoutMs),
  });
  return template;
}

const element = (name: string, value: string): string => `<${name}>${cdata(value)}</${name}>`;

export function configurationXml(
  conf: OnedConf,
  { showDbCredentials }: { showDbCredentials: boolean },
): string {
  const template = effectiveConfiguration(conf);
  let xml = '<OPENNEBULA_CONFIGURATION>';
  for (const entry of configurationSchema) {
    const found = template.getAll(entry.name);
    for (const attribute of entry.many ? found : found.slice(0, 1)) {
      if (entry.kind === 'single') {
        if (attribute.kind === 'single' && fits(attribute.value, entry.type))
          xml += element(entry.name, attribute.value);
        continue;
      }
      if (attribute.kind !== 'vector') continue;
      const hidden = entry.name === 'DB' && !showDbCredentials ? HIDDEN_DB_KEYS : new Set<string>();
      const kept = attribute.pairs.filter(
        (p: VectorPair) =>
          entry.keys[p.key] !== undefined &&
          !hidden.has(p.key) &&
          fits(p.value, entry.keys[p.key]!.type),
      );
      const complete = Object.entries(entry.keys).every(
        ([key, def]) => !def.required || kept.some((p) => p.key === key),
      );
      if (!complete) continue;
      xml += `<${entry.name}>${kept.map((p) => element(p.key, p.value)).join('')}</${entry.name}>`;
    }
  }
  return `${xml}</OPENNEBULA_CONFIGURATION>`;
}
