// The safety properties of Raft (Figure 3 of the paper), checked as the simulation runs
// against everything every server ever persisted, applied or claimed.
import type { Entry, ReadState, SoftState } from '../../../src/raft/index.js';
import type { SimServer, Value } from './server.js';

export type ViolationKind =
  | 'election-safety'
  | 'log-matching'
  | 'leader-completeness'
  | 'state-machine-safety'
  | 'apply-order'
  | 'stale-read'
  | 'liveness'
  | 'message-storm'
  | 'exception';

export class Violation extends Error {
  constructor(
    readonly kind: ViolationKind,
    message: string,
  ) {
    super(`${kind}: ${message}`);
    this.name = 'Violation';
  }
}

export function entryKey(e: Entry<Value>): string {
  const d = e.data;
  if (d === undefined) return 'noop';
  return d.kind === 'data' ? `d:${d.value}` : `m:${d.change.type}:${d.change.id}`;
}

interface Committed {
  readonly term: number;
  readonly key: string;
  /** Lowest term any server was in when it applied the entry: it was committed by then. */
  knownInTerm: number;
}

export class Checker {
  private readonly leaderOfTerm = new Map<number, number>();
  /** `${index}/${term}` -> the entry's key and the term of the entry before it. */
  private readonly entries = new Map<string, { key: string; prevTerm: number | undefined }>();
  private readonly committed = new Map<bigint, Committed>();
  private readonly lastApplied = new Map<number, bigint>();
  private readonly reads = new Map<string, bigint>();
  private readonly terms = new Map<number, number>();
  /** Highest index any server applied. */
  maxApplied = 0n;

  /** A server's role/term changed (Ready.softState). Election safety. */
  softState(server: number, soft: SoftState): void {
    this.terms.set(server, soft.term);
    if (soft.role !== 'leader') return;
    const other = this.leaderOfTerm.get(soft.term);
    if (other !== undefined && other !== server) {
      throw new Violation(
        'election-safety',
        `#${other} and #${server} both lead term ${soft.term}`,
      );
    }
    this.leaderOfTerm.set(soft.term, server);
  }

  /**
   * Entries a server just wrote. Log matching, by induction: an (index, term) pair always
   * names the same entry, following the same (index - 1, term) pair.
   */
  persisted(server: SimServer, written: readonly Entry<Value>[]): void {
    for (const e of written) {
      const id = `${e.index}/${e.term}`;
      const key = entryKey(e);
      const prevTerm = termAt(server, e.index - 1n);
      const known = this.entries.get(id);
      if (!known) {
        this.entries.set(id, { key, prevTerm });
        continue;
      }
      if (known.key !== key) {
        throw new Violation(
          'log-matching',
          `#${server.id} holds ${id} as ${key}, seen as ${known.key}`,
        );
      }
      if (known.prevTerm !== undefined && prevTerm !== undefined && known.prevTerm !== prevTerm) {
        throw new Violation(
          'log-matching',
          `#${server.id} holds ${id} after term ${prevTerm}, seen after term ${known.prevTerm}`,
        );
      }
    }
  }

  /** A server applied an entry. State machine safety and in-order apply. */
  applied(server: SimServer, e: Entry<Value>): void {
    const expected = (this.lastApplied.get(server.id) ?? 0n) + 1n;
    if (e.index !== expected) {
      throw new Violation('apply-order', `#${server.id} applied ${e.index}, expected ${expected}`);
    }
    this.lastApplied.set(server.id, e.index);
    const key = entryKey(e);
    const term = this.terms.get(server.id) ?? 0;
    const known = this.committed.get(e.index);
    if (!known) {
      this.committed.set(e.index, { term: e.term, key, knownInTerm: term });
    } else if (known.term !== e.term || known.key !== key) {
      throw new Violation(
        'state-machine-safety',
        `#${server.id} applied ${e.index}/${e.term} ${key}, another server ${e.index}/${known.term} ${known.key}`,
      );
    } else if (term < known.knownInTerm) {
      known.knownInTerm = term;
    }
    if (e.index > this.maxApplied) this.maxApplied = e.index;
  }

  /** A server's applied state was replaced by a database copy. */
  restored(server: SimServer): void {
    this.lastApplied.set(server.id, server.storage.initialState().applied);
  }

  /** A server just became leader of `term` and persisted its log. Leader completeness. */
  becameLeader(server: SimServer, term: number): void {
    const first = server.storage.firstIndex();
    for (const [index, c] of this.committed) {
      if (c.knownInTerm >= term || index < first) continue;
      const held = termAt(server, index);
      if (held !== c.term) {
        throw new Violation(
          'leader-completeness',
          `leader #${server.id} of term ${term} lacks ${index}/${c.term}, committed by term ${c.knownInTerm}`,
        );
      }
    }
  }

  /** A leader accepted a read: it must not be answered below what was applied by now. */
  readRequested(context: string): void {
    this.reads.set(context, this.maxApplied);
  }

  readConfirmed(server: number, read: ReadState): void {
    const floor = this.reads.get(read.context);
    if (floor === undefined) {
      throw new Violation('stale-read', `#${server} confirmed unknown read ${read.context}`);
    }
    if (read.index < floor) {
      throw new Violation(
        'stale-read',
        `#${server} confirmed ${read.context} at ${read.index}, but ${floor} was applied before`,
      );
    }
  }

  /** First index at which an entry with this key was applied. */
  appliedIndexOf(key: string): bigint | undefined {
    for (const [index, c] of this.committed) if (c.key === key) return index;
    return undefined;
  }
}

function termAt(server: SimServer, index: bigint): number | undefined {
  const storage = server.storage;
  if (index < storage.firstIndex() - 1n || index > storage.lastIndex()) return undefined;
  return storage.term(index);
}
