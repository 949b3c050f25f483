// Starts this server's part of the zone's Raft: the configuration in force is the zone's
// SERVER_POOL (voters) and the learners row, as applied in the database; the log window
// is loaded from logdb; RAFT_FOLLOWER_HOOK runs at start as oned runs it.
import type { OnedConf, OnePaths } from '@onekit/core';
import type { Logger } from '../log/index.js';
import { readLearners, readZone, zoneMembers } from '../pools/zone/index.js';
import type { Rng } from '../raft/index.js';
import type { StorageReader } from '../storage/index.js';
import type { LogStore } from '../write-path/index.js';
import { LogWindow } from './log-window.js';
import { peerKey } from './peer-auth.js';
import { runRaftHook } from './raft-hooks.js';
import { RaftNode } from './raft-node.js';

export interface StartRaftNodeOptions {
  readonly db: StorageReader;
  readonly log: LogStore;
  readonly config: OnedConf;
  readonly paths: OnePaths;
  /** The secret of oneadmin's one_auth: the key of the messages between servers. */
  readonly oneadminSecret: string;
  readonly clock: () => number;
  readonly rng: Rng;
  readonly logger: Logger;
  readonly onFatal: (error: unknown) => void;
}

export async function startRaftNode(o: StartRaftNodeOptions): Promise<RaftNode> {
  const { zoneId, serverId, mode } = o.config.federation;
  const zone = await readZone(o.db, zoneId);
  const voters = zone ? zoneMembers(zone) : [];
  const learners = await readLearners(o.db);
  if (![...voters, ...learners].some((m) => m.id === serverId)) {
    o.logger.warn(
      'RCM',
      `Server ${serverId} is not a server of zone ${zoneId} yet: it waits for the leader (onezone server-add).`,
    );
  }
  const hooks = { paths: o.paths, log: o.logger };
  const node = new RaftNode({
    log: o.log,
    window: await LogWindow.load(o.log),
    serverId,
    zoneId,
    federationMaster: mode === 'MASTER',
    raft: o.config.raft,
    voters,
    learners,
    key: peerKey(o.oneadminSecret),
    clock: o.clock,
    rng: o.rng,
    logger: o.logger,
    onRoleChange(role, previous) {
      if (role === 'leader') void runRaftHook('RAFT_LEADER_HOOK', o.config.raftLeaderHook, hooks);
      else if (previous === 'leader') {
        void runRaftHook('RAFT_FOLLOWER_HOOK', o.config.raftFollowerHook, hooks);
      }
    },
    onFatal: o.onFatal,
  });
  void runRaftHook('RAFT_FOLLOWER_HOOK', o.config.raftFollowerHook, hooks);
  return node;
}
