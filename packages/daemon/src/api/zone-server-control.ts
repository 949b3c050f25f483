// What one.zone.addserver/delserver/resetserver ask of this server's role. A solo server
// writes the zone's SERVER_POOL itself (the first step of making a zone HA); a server of an
// HA zone changes the zone's Raft configuration, one change at a time.
import type { ZoneMember } from '../pools/zone/index.js';

/** A change the zone cannot take now, in words for the ACTION failure. */
export class ServerChangeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerChangeRefused';
  }
}

export interface ZoneServerControl {
  /** Adds a server (id = highest id + 1); resolves with its id. */
  add(server: Omit<ZoneMember, 'id'>): Promise<number>;
  /** Removes a server; `force` accepts leaving the zone without a quorum. */
  remove(id: number, o: { readonly force: boolean }): Promise<void>;
  /** The leader replicates to the server again from its last index (after a DB copy). */
  reset(id: number): Promise<void>;
  /** The servers the zone knows, voters and learners (learners only in an HA zone). */
  servers(): Promise<{ voters: ZoneMember[]; learners: ZoneMember[] }>;
  /** This server's view of the zone's Raft, with each follower's progress on a leader. */
  progress(): Promise<ZoneProgress>;
  /** Commits a small write (the health probe); resolves with its index once applied here. */
  probe(): Promise<bigint>;
  /** Commits a state check entry; resolves with its index once applied here. */
  startCheck(): Promise<bigint>;
}

export interface FollowerProgress {
  readonly id: number;
  readonly match: bigint;
  readonly next: bigint;
  /** probe, replicate, or needs-reset (behind the retained log: copy the database). */
  readonly replication: string;
  readonly active: boolean;
}

export interface ZoneProgress {
  readonly serverId: number;
  /** raftstatus STATE: 0 solo, 1 candidate, 2 follower, 3 leader. */
  readonly state: number;
  readonly term: number;
  readonly leader: number;
  readonly commit: bigint;
  readonly applied: bigint;
  readonly firstIndex: bigint;
  readonly lastIndex: bigint;
  readonly voters: readonly ZoneMember[];
  readonly learners: readonly ZoneMember[];
  /** Known on the leader only. */
  readonly followers: readonly FollowerProgress[];
}
