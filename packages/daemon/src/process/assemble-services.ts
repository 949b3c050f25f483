// The services object of a running daemon, built from the opened database and write path.
import { OneKitError, type OnedConf, type OnePaths } from '@onekit/core';
import { invalidateCachesOnApply, type AppliedEntries } from '../api/cache-invalidation.js';
import { soloRaftStatus, type SoloRaftLog } from '../api/raft-status.js';
import type { DaemonServices } from '../api/services.js';
import { Authenticator } from '../authn/index.js';
import { Authorizer } from '../authz/index.js';
import type { Logger } from '../log/index.js';
import { OidAllocator, guardPoolControl } from '../pools/ids/index.js';
import { readZone } from '../pools/zone/index.js';
import { SerialQueue, type StorageReader } from '../storage/index.js';
import type { Clock, Committer } from '../write-path/index.js';
import { sessionExpirationSeconds } from './daemon-config.js';

export interface ServiceInputs {
  readonly db: StorageReader;
  readonly committer: Committer;
  readonly raftLog: SoloRaftLog;
  /** The log store, whose applied entries invalidate the caches below. */
  readonly appliedEntries: AppliedEntries;
  readonly config: OnedConf;
  readonly paths: OnePaths;
  readonly clock: Clock;
  readonly randomSecret: () => string;
  readonly log: Logger;
}

export async function assembleServices(i: ServiceInputs): Promise<DaemonServices> {
  const zoneId = i.config.federation.zoneId;
  const zone = await readZone(i.db, zoneId);
  if (zone === undefined) {
    throw new OneKitError(
      'DAEMON_START',
      `Zone ${zoneId} (FEDERATION/ZONE_ID) does not exist in the database`,
      {
        field: 'FEDERATION/ZONE_ID',
      },
    );
  }
  const oids = await OidAllocator.load(i.db);
  const committer = guardPoolControl(i.committer, oids);
  const identityWrites = new SerialQueue();
  const expiration = sessionExpirationSeconds(i.config);
  const authenticator = new Authenticator({
    db: i.db,
    committer,
    clock: i.clock,
    identityWrites,
    ...(expiration === undefined ? {} : { sessionExpirationSeconds: expiration }),
    onRefusal: (reason) => i.log.info('AuM', `Authentication refused: ${reason}`),
  });
  const authorizer = new Authorizer({ db: i.db, zoneId });
  invalidateCachesOnApply(i.appliedEntries, { authenticator, authorizer });
  return {
    db: i.db,
    committer,
    config: i.config,
    paths: i.paths,
    clock: i.clock,
    oids,
    authenticator,
    authorizer,
    log: i.log,
    localZone: { id: zoneId, state: zone.state },
    zoneId,
    raft: soloRaftStatus(i.raftLog, {
      federationEnabled: i.config.federation.mode !== 'STANDALONE',
    }),
    zoneWrites: new SerialQueue(),
    identityWrites,
    randomSecret: i.randomSecret,
  };
}
