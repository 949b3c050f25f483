// A leader offers every proposal to its followers as soon as it is made, so a burst of
// calls becomes a run of one-entry appends to each follower. Where one append continues the
// previous one to the same server, the two become one message: the follower checks, stores
// and answers once, and the leader's window is freed to the last index by that one answer.
import type { AppendRequest, RaftMessage } from './messages.js';

function continues<T>(earlier: AppendRequest<T>, later: AppendRequest<T>): boolean {
  const lastOfEarlier = earlier.entries.at(-1);
  return (
    later.term === earlier.term &&
    later.prevIndex === earlier.prevIndex + BigInt(earlier.entries.length) &&
    later.prevTerm === (lastOfEarlier ? lastOfEarlier.term : earlier.prevTerm)
  );
}

/**
 * Merges each append into the previous message to the same server when that one is an
 * append it continues, up to `maxEntries` entries per message (an empty append, which only
 * carries a commit index, always merges). The merged message carries the higher commit
 * index of the two. Messages to different servers keep their order; nothing else is touched.
 */
export function coalesceAppends<T>(
  messages: readonly RaftMessage<T>[],
  maxEntries: number,
): RaftMessage<T>[] {
  const out: RaftMessage<T>[] = [];
  /** Position in `out` of the last message to each server. */
  const lastTo = new Map<number, number>();
  for (const m of messages) {
    const at = lastTo.get(m.to);
    const previous = at === undefined ? undefined : out[at];
    if (
      m.type === 'append' &&
      previous?.type === 'append' &&
      continues(previous, m) &&
      (m.entries.length === 0 ||
        previous.entries.length === 0 ||
        previous.entries.length + m.entries.length <= maxEntries)
    ) {
      const commit = m.commit > previous.commit ? m.commit : previous.commit;
      // Entries must be acknowledged: the merged append is quiet only if both were.
      const { quiet: _, ...loud } = previous;
      const entries = [...previous.entries, ...m.entries];
      out[at!] = previous.quiet && m.quiet ? { ...previous, commit } : { ...loud, entries, commit };
      continue;
    }
    lastTo.set(m.to, out.length);
    out.push(m);
  }
  return out;
}
