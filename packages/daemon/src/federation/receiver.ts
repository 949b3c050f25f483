// The slave side of federation log shipping (one.zone.fedreplicate): the master sends each
// federated entry with the federated index of the entry before it. The slave takes an entry
// only when that previous index is its own last federated index, so entries apply in the
// master's order without gaps; otherwise it answers with its last federated index and the
// master resumes after it. An entry already taken is acknowledged again (a resend after a
// lost answer), never applied twice.
import { SerialQueue } from '../storage/index.js';

/** "No federated entry yet" on the wire (oned's UINT64_MAX in a signed i8). */
export const NO_FEDERATED_INDEX = -1n;

/** One federated entry as the master ships it: its federated index and encoded sqlcmd. */
export interface ShippedEntry {
  readonly index: bigint;
  readonly sqlcmd: string;
}

/** Where the slave's federated entries are: the highest federated index of its log. */
export interface FederatedIndexSource {
  lastFederatedIndex(): Promise<bigint | undefined>;
}

/**
 * Commits received entries, in order, as federated entries whose fed_index is the master's
 * index; stops at the first that fails. Resolves to how many were committed, and the
 * failure that stopped it.
 */
export type ApplyShippedEntries = (
  entries: readonly ShippedEntry[],
) => Promise<{ readonly applied: number; readonly error?: unknown }>;

export type ReceiveOutcome =
  /** Every entry is in the log; `index` is the last one. */
  | { readonly ok: true; readonly index: bigint }
  /** `lastIndex`: the slave's last federated index, where the master resumes. */
  | {
      readonly ok: false;
      readonly reason: 'out-of-order' | 'not-applied';
      readonly lastIndex: bigint;
      readonly message: string;
    };

export class FederationReceiver {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly o: { readonly log: FederatedIndexSource; readonly apply: ApplyShippedEntries },
  ) {}

  /**
   * Takes `entries` (consecutive in the master's federated log, the first one following
   * `prev`) one after another; stops at the first that cannot be taken.
   */
  receive(prev: bigint, entries: readonly ShippedEntry[]): Promise<ReceiveOutcome> {
    return this.queue.run(async () => {
      const last = (await this.o.log.lastFederatedIndex()) ?? NO_FEDERATED_INDEX;
      // Entries already held are acknowledged again; each is the one before the next.
      let previous = prev;
      let held = 0;
      while (held < entries.length && entries[held]!.index <= last) {
        previous = entries[held]!.index;
        held++;
      }
      const fresh = entries.slice(held);
      const final = entries[entries.length - 1];
      if (fresh.length === 0) return { ok: true, index: final === undefined ? last : final.index };
      if (previous !== last) {
        return {
          ok: false,
          reason: 'out-of-order',
          lastIndex: last,
          message: `previous federated index ${previous} is not the last one here (${last})`,
        };
      }
      if (fresh.some((entry, i) => i > 0 && entry.index <= fresh[i - 1]!.index)) {
        return {
          ok: false,
          reason: 'not-applied',
          lastIndex: last,
          message: 'federated indexes of a batch must increase',
        };
      }
      const { applied, error } = await this.o.apply(fresh);
      if (applied === fresh.length) return { ok: true, index: final!.index };
      return {
        ok: false,
        reason: 'not-applied',
        lastIndex: applied === 0 ? last : fresh[applied - 1]!.index,
        message: error instanceof Error ? error.message : String(error),
      };
    });
  }
}
