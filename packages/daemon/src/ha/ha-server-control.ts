// The zone servers of a server of an HA zone: changes go through the zone's Raft log. A new
// server joins as a learner (it receives the log but does not vote) and the leader promotes
// it once it has caught up, so a server that is added but not started yet, or still copying
// the log, never counts against the quorum.
import { ServerChangeRefused, type ZoneServerControl } from '../api/zone-server-control.js';
import { UINT64_MAX, type StorageReader } from '../storage/index.js';
import { healthProbeWrite, readZone, nextServerId, zoneMembers } from '../pools/zone/index.js';
import { encodeEntryContent } from '../write-path/index.js';
import type { LogPayload } from './log-payload.js';
import { RaftRefusal, type RaftNode } from './raft-node.js';
import { refusalMessage } from './raft-committer.js';

function refused(err: unknown, id: number): unknown {
  if (!(err instanceof RaftRefusal)) return err;
  switch (err.reason) {
    case 'membership-pending':
      return new ServerChangeRefused(
        'Another change of the zone servers is in progress; try again when it is done',
      );
    case 'quorum-loss':
      return new ServerChangeRefused(
        `Removing server ${id} would leave the zone without a quorum of running servers; force it to remove it anyway`,
      );
    case 'invalid-change':
      return new ServerChangeRefused('SERVER not found in zone');
    default:
      return new ServerChangeRefused(refusalMessage(err));
  }
}

async function propose(node: RaftNode, payload: LogPayload): Promise<{ index: bigint }> {
  try {
    return await node.propose(payload);
  } catch (err) {
    throw err instanceof RaftRefusal ? new ServerChangeRefused(refusalMessage(err)) : err;
  }
}

export function haServerControl(o: {
  readonly db: StorageReader;
  readonly node: RaftNode;
  readonly zoneId: number;
  readonly clock: () => number;
}): ZoneServerControl {
  const members = () => {
    const status = o.node.status();
    const known = o.node.knownServers();
    return {
      voters: known.filter((m) => status.membership.voters.includes(m.id)),
      learners: known.filter((m) => status.membership.learners.includes(m.id)),
    };
  };
  return {
    async add(server) {
      const zone = await readZone(o.db, o.zoneId);
      const id = zone ? nextServerId(zone, o.node.knownServers()) : 0;
      const change = { type: 'add-learner' as const, id, zoneId: o.zoneId, ...server };
      await o.node.proposeServerChange(change, { force: false }).catch((err) => {
        throw refused(err, id);
      });
      return id;
    },
    async remove(id, { force }) {
      const zone = await readZone(o.db, o.zoneId);
      const known = [...(zone ? zoneMembers(zone) : []), ...members().learners];
      if (!known.some((m) => m.id === id))
        throw new ServerChangeRefused('SERVER not found in zone');
      await o.node
        .proposeServerChange({ type: 'remove', id, zoneId: o.zoneId }, { force })
        .catch((err) => {
          throw refused(err, id);
        });
    },
    async reset(id) {
      o.node.resetServer(id);
    },
    async servers() {
      return members();
    },
    async progress() {
      const s = o.node.status();
      const { voters, learners } = members();
      return {
        serverId: s.id,
        state: { leader: 3, follower: 2, candidate: 1 }[s.role],
        term: s.term,
        leader: s.leader ?? -1,
        commit: s.commit,
        applied: o.node.lastApplied,
        firstIndex: s.firstIndex,
        lastIndex: s.lastIndex,
        voters,
        learners,
        followers: s.progress
          .filter((p) => p.id !== s.id)
          .map((p) => ({
            id: p.id,
            match: p.match,
            next: p.next,
            replication: p.state,
            active: p.recentlyActive,
          })),
      };
    },
    async probe() {
      const sqlcmd = encodeEntryContent({ ops: [healthProbeWrite(o.clock())] });
      return (await propose(o.node, { sqlcmd, fedIndex: UINT64_MAX })).index;
    },
    async startCheck() {
      const sqlcmd = encodeEntryContent({ ops: [], check: true });
      return (await propose(o.node, { sqlcmd, fedIndex: UINT64_MAX })).index;
    },
  };
}
