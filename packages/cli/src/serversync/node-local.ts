// What belongs to one server and is never taken from the other: the node-local parts of
// oned.conf, and files that are per-host by nature. The one place that decides it.

/**
 * A part of oned.conf kept from this host. Without `keys` the whole attribute (every
 * occurrence of the name) is node-local; with `keys`, only those keys of the vector.
 */
export interface NodeLocalRule {
  readonly attribute: string;
  readonly keys?: readonly string[];
  /** Why it is node-local, for --help, the plan and reviewers. */
  readonly reason: string;
}

const federation: NodeLocalRule = {
  attribute: 'FEDERATION',
  keys: ['MODE', 'ZONE_ID', 'SERVER_ID', 'MASTER_ONED', 'MASTER_ONED_GRPC'],
  reason:
    "this server's identity in the zone and federation (its SERVER_ID differs on every server of an HA zone)",
};

const perHostKeys: readonly NodeLocalRule[] = [
  {
    attribute: 'LISTEN_ADDRESS',
    reason: "the address oned binds for XML-RPC is one of this host's own",
  },
  {
    attribute: 'GRPC_LISTEN_ADDRESS',
    reason: "the address oned binds for gRPC (7.x) is one of this host's own",
  },
  {
    attribute: 'HOSTNAME',
    reason: 'the name drivers use to reach this front-end',
  },
];

// With --keep-ha a server keeps its own Raft tuning and leader/follower hooks (a witness
// with a longer election timeout, hooks naming this host's interface).
const highAvailability: readonly NodeLocalRule[] = [
  { attribute: 'RAFT', reason: 'Raft timers of this server (--keep-ha)' },
  { attribute: 'RAFT_LEADER_HOOK', reason: 'hook run when this server becomes leader (--keep-ha)' },
  {
    attribute: 'RAFT_FOLLOWER_HOOK',
    reason: 'hook run when this server becomes follower (--keep-ha)',
  },
];

export interface NodeLocalOptions {
  /** Also keep RAFT and the Raft hooks (upstream's --keep-ha). */
  readonly keepHa: boolean;
}

/** The node-local parts of oned.conf, for the given options. */
export function nodeLocalRules(options: NodeLocalOptions): readonly NodeLocalRule[] {
  return [federation, ...perHostKeys, ...(options.keepHa ? highAvailability : [])];
}

/** A file under the configuration directory that stays out of every comparison and copy. */
export interface PerHostFile {
  readonly matches: (path: string) => boolean;
  readonly reason: string;
}

export const perHostFiles: readonly PerHostFile[] = [
  {
    matches: (path) => path === 'onekit-agent.yaml',
    reason: "the agent's own listen address, token and services",
  },
  {
    // `.<name>.<hex>.tmp`: what an atomic write leaves only while it runs (or when killed).
    matches: (path) => /(^|\/)\.[^/]+\.[0-9a-f]+\.tmp$/.test(path),
    reason: 'temporary file of a write in progress',
  },
];

export function isPerHostFile(path: string): boolean {
  return perHostFiles.some((file) => file.matches(path));
}
