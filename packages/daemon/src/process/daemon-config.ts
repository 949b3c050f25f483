// What the daemon takes from oned.conf beyond the typed keys, and what it refuses to run.
import { OneKitError, defaultXmlRpcLimits, type OnedConf, type OnePaths } from '@onekit/core';
import type { DbConfig } from '../storage/index.js';

/** The DB section as the storage layer opens it; SQLite's file is the resolver's one.db. */
export function storageConfig(conf: OnedConf, paths: OnePaths): DbConfig {
  const { db } = conf;
  if (db.backend === 'sqlite') return { backend: 'sqlite', file: paths.sqliteDb };
  return {
    backend: 'mysql',
    server: db.server,
    port: db.port,
    user: db.user,
    passwd: db.passwd,
    dbName: db.dbName,
    connections: db.connections,
  };
}

function positiveInteger(conf: OnedConf, name: string): number | undefined {
  const text = conf.template.get(name)?.trim();
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new OneKitError('CONFIG_INVALID', `${name} must be a positive integer, not "${text}"`, {
      field: name,
    });
  }
  return value;
}

/** MESSAGE_SIZE: the largest XML-RPC request accepted, in bytes. */
export function maxRequestBytes(conf: OnedConf): number {
  return positiveInteger(conf, 'MESSAGE_SIZE') ?? defaultXmlRpcLimits.maxBodyBytes;
}

/** KEEPALIVE_TIMEOUT (seconds, oned's default 15): idle time of a kept-alive connection. */
export function keepAliveTimeoutMs(conf: OnedConf): number {
  return 1000 * (positiveInteger(conf, 'KEEPALIVE_TIMEOUT') ?? 15);
}

/** SESSION_EXPIRATION_TIME (seconds, default 900): how long an accepted session is cached. */
export function sessionExpirationSeconds(conf: OnedConf): number | undefined {
  return positiveInteger(conf, 'SESSION_EXPIRATION_TIME');
}

/** This release runs standalone servers, federation masters and slaves, solo or in HA zones. */
export function refuseUnsupportedRoles(conf: OnedConf): void {
  const { mode } = conf.federation;
  if (mode === 'CACHE') {
    throw new OneKitError(
      'DAEMON_START',
      `FEDERATION/MODE ${mode} is not supported by this release`,
      {
        field: 'FEDERATION/MODE',
      },
    );
  }
}
