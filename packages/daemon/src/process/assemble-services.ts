// The services object of a running daemon, built from the opened database and write path.
import { OneKitError, type OnedConf, type OnePaths } from '@onekit/core';
import { invalidateCachesOnApply, type AppliedEntries } from '../api/cache-invalidation.js';
import type { RaftStatusSource } from '../api/raft-status.js';
import type { DaemonServices } from '../api/services.js';
import { Authenticator } from '../authn/index.js';
import { Authorizer } from '../authz/index.js';
import type { Logger } from '../log/index.js';
import { OidAllocator, guardPoolControl } from '../pools/ids/index.js';
import { TakenNames } from '../pools/names/taken-names.js';
import { haServerControl, type RaftNode } from '../ha/index.js';
import { readZone, soloServerControl } from '../pools/zone/index.js';
import { KeyedSections, type StorageReader } from '../storage/index.js';
import type { Clock, Committer, SoloCommitter } from '../write-path/index.js';
import { sessionExpirationSeconds } from './daemon-config.js';

export interface ServiceInputs {
  readonly db: StorageReader;
  readonly committer: Committer;
  readonly raftStatus: RaftStatusSource;
  /** This server's part of the zone's Raft; absent on a solo server. */
  readonly node?: RaftNode;
  /** The solo write path (state checks, the log's tail). */
  readonly solo: {
    readonly committer: SoloCommitter;
    readonly log: {
      readonly lastIndex: bigint;
      readonly lastApplied: bigint;
      readonly hardState: { term: number };
    };
  };
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
  const takenNames = new TakenNames(i.db);
  const committer = guardPoolControl(i.committer, oids);
  const identityWrites = new KeyedSections();
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
  const localZone = { id: zoneId, state: zone.state };
  invalidateCachesOnApply(i.appliedEntries, {
    authenticator,
    authorizer,
    oids: { observe: (lastOids) => oids.observe(lastOids), refresh: () => oids.refresh(i.db) },
    names: takenNames,
    localZone: {
      async refresh() {
        const now = await readZone(i.db, zoneId);
        if (now) localZone.state = now.state;
      },
    },
    onError: (what, err) =>
      i.log.error(
        'ONE',
        `cannot read ${what} again: ${err instanceof Error ? err.message : String(err)}`,
      ),
  });
  const zoneWrites = new KeyedSections();
  const servers = i.node
    ? haServerControl({ db: i.db, node: i.node, zoneId, clock: i.clock })
    : soloServerControl({
        db: i.db,
        committer,
        zoneId,
        zoneWrites,
        log: i.solo.log,
        checks: i.solo.committer,
        clock: i.clock,
      });
  return {
    db: i.db,
    committer,
    servers,
    config: i.config,
    paths: i.paths,
    clock: i.clock,
    oids,
    takenNames,
    authenticator,
    authorizer,
    log: i.log,
    localZone,
    zoneId,
    raft: i.raftStatus,
    zoneWrites,
    identityWrites,
    randomSecret: i.randomSecret,
  };
}
