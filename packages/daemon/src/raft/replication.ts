// How a leader feeds its followers: appends in batches (pipelined while replicating, one
// at a time while probing), heartbeats with a bounded commit index, and commit by majority.
import type { Entry, EntryData } from './entry.js';
import type { Progress } from './progress.js';
import { committedIndex } from './quorum.js';
import type { Raft } from './raft.js';
import { isCompacted } from './storage.js';

/**
 * Sends the next append to `pr` unless its flow is paused. Without `sendIfEmpty`, sends
 * only when there are entries. Returns whether a message left.
 */
export function sendAppend<T>(
  raft: Raft<T>,
  pr: Progress,
  options: { sendIfEmpty: boolean },
): boolean {
  if (pr.isPaused()) return false;
  const prevIndex = pr.next - 1n;
  let prevTerm: number;
  let entries: Entry<T>[];
  try {
    prevTerm = raft.log.term(prevIndex);
    entries = raft.log.entriesFrom(pr.next, raft.config.maxEntriesPerAppend);
  } catch (err) {
    if (!isCompacted(err)) throw err;
    // Purged here: only a database copy and a server reset can bring this follower back.
    pr.becomeNeedsReset();
    return false;
  }
  if (entries.length === 0 && !options.sendIfEmpty) return false;
  raft.send({
    type: 'append',
    ...raft.envelope(pr.id),
    prevIndex,
    prevTerm,
    entries,
    commit: raft.log.committed,
    ...(entries.length === 0 && pr.state === 'replicate' && { quiet: true as const }),
  });
  pr.sentEntries(entries.length, prevIndex + BigInt(entries.length));
  if (raft.log.committed > pr.sentCommit) pr.sentCommit = raft.log.committed;
  return true;
}

export function broadcastAppend<T>(raft: Raft<T>): void {
  for (const pr of raft.progress.values()) {
    if (pr.id !== raft.id) sendAppend(raft, pr, { sendIfEmpty: true });
  }
}

export function broadcastHeartbeat<T>(raft: Raft<T>): void {
  const context = raft.reads.newestContext();
  const committed = raft.log.committed;
  for (const pr of raft.progress.values()) {
    if (pr.id === raft.id) continue;
    const commit = pr.match < committed ? pr.match : committed;
    if (commit > pr.sentCommit) pr.sentCommit = commit;
    raft.send({ type: 'heartbeat', ...raft.envelope(pr.id), commit, context });
  }
}

/** Appends one entry in the leader's term and offers it to every follower. */
export function leaderAppend<T>(raft: Raft<T>, data: EntryData<T> | undefined): bigint {
  const index = raft.log.lastIndex() + 1n;
  raft.log.append([{ index, term: raft.term, data }]);
  broadcastAppend(raft);
  return index;
}

/**
 * Commits what a majority of voters holds, but only by counting entries of the current
 * term (Raft §5.4.2); older entries commit with them. A membership entry that commits
 * changes who counts, so count again until nothing moves. Returns whether commit moved.
 */
export function maybeCommit<T>(raft: Raft<T>): boolean {
  let moved = false;
  for (;;) {
    const index = committedIndex(raft.membership.voters, (id) => raft.progress.get(id)?.match);
    if (index <= raft.log.committed || raft.log.term(index) !== raft.term) return moved;
    raft.commitTo(index);
    moved = true;
  }
}

/** The leader's own entries became durable: they count toward commit from now on. */
export function leaderPersisted<T>(raft: Raft<T>): void {
  const self = raft.progress.get(raft.id);
  if (!self?.maybeUpdate(raft.log.stableLastIndex())) return;
  if (maybeCommit(raft)) broadcastAppend(raft);
}
