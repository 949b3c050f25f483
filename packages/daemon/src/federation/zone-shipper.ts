// One slave zone's federation log shipping, on the master: sends the federated entries
// after the last one the zone confirmed, in order, each batch with the federated index
// before it. When the slave answers with another last index (it restarted behind, or was
// re-seeded), shipping resumes after that index, provided the master still holds the entry
// at it; if purge removed it, the zone must be re-seeded from a federated backup and is
// marked so. Transport failures retry with a back-off of 100 ms doubling
// up to 2.5 s, as oned's replica threads do. A zone that needs a re-seed is asked for its
// last index every 2.5 s (no entry is taken by it unless it already holds the one before),
// so shipping resumes by itself once the zone was re-seeded and restarted.
import type { Logger } from '../log/index.js';
import type { EncodedEntry } from '../write-path/index.js';
import type { ShipEntries } from './fed-call.js';
import { NO_FEDERATED_INDEX } from './receiver.js';

export type ZoneShipState = 'replicating' | 'unreachable' | 'needs-reseed';

export interface ZoneShipStatus {
  readonly zoneId: number;
  readonly endpoint: string;
  /** The last federated index the zone confirmed (or was assumed to hold); -1: none. */
  readonly lastIndex: bigint;
  readonly state: ZoneShipState;
  /** The last failure, '' when the last call succeeded. */
  readonly lastError: string;
}

/** The master's federation log, as the shipper reads it. */
export interface FederatedLogReader {
  federatedEntriesAfter(after: bigint, limit: number): Promise<EncodedEntry[]>;
  hasFederatedIndex(fedIndex: bigint): Promise<boolean>;
}

export interface ZoneShipperOptions {
  readonly zoneId: number;
  readonly endpoint: string;
  /** Where shipping starts: the master's last federated index (a new zone is in sync). */
  readonly lastIndex: bigint;
  readonly log: FederatedLogReader;
  readonly ship: ShipEntries;
  readonly logger: Logger;
  /** Entries per call. */
  readonly batch: number;
}

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2500;

/** The previous index of a probe: matches no slave's last index, so it names its own. */
const RESEED_PROBE = -2n;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ZoneShipper {
  private status: ZoneShipStatus;
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private backoffMs = FIRST_BACKOFF_MS;
  private readonly done: Promise<void>;

  constructor(private readonly o: ZoneShipperOptions) {
    this.status = {
      zoneId: o.zoneId,
      endpoint: o.endpoint,
      lastIndex: o.lastIndex,
      state: 'replicating',
      lastError: '',
    };
    this.done = this.run().catch((err) => {
      this.o.logger.error('FRM', `Zone ${o.zoneId} federation shipping stopped: ${describe(err)}`);
    });
  }

  get current(): ZoneShipStatus {
    return this.status;
  }

  /** New federated entries are in the log, or the endpoint changed. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  setEndpoint(endpoint: string): void {
    if (endpoint === this.status.endpoint) return;
    this.status = { ...this.status, endpoint };
    this.backoffMs = FIRST_BACKOFF_MS;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.done;
  }

  private update(change: Partial<ZoneShipStatus>): void {
    this.status = { ...this.status, ...change };
  }

  /** Resolves on wake() or stop(). */
  private pause(): Promise<void> {
    if (this.pendingWake || this.stopped) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.pendingWake = false;
        resolve();
      };
    });
  }

  private async failed(message: string): Promise<void> {
    this.update({ state: 'unreachable', lastError: message });
    const ms = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    await this.delay(ms);
  }

  /** Waits `ms`; new entries do not cut it short, only stop() does. */
  private async delay(ms: number): Promise<void> {
    if (this.stopped) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        if (!this.stopped) return;
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = undefined;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const last = this.status.lastIndex;
      const reseeding = this.status.state === 'needs-reseed';
      if (reseeding) await this.delay(MAX_BACKOFF_MS);
      if (this.stopped) break;
      this.pendingWake = false;
      const entries = await this.o.log.federatedEntriesAfter(last, this.o.batch);
      if (entries.length === 0) {
        await this.pause();
        continue;
      }
      // The entries are consecutive after `last` only while the master still holds it: purge
      // removes the oldest entries first.
      if (
        !reseeding &&
        last !== NO_FEDERATED_INDEX &&
        !(await this.o.log.hasFederatedIndex(last))
      ) {
        const message = `Missing federation record previous to: ${entries[0]!.fedIndex}`;
        this.o.logger.error('FRM', `Zone ${this.o.zoneId}: ${message}`);
        this.update({ state: 'needs-reseed', lastError: message });
        continue;
      }
      const shipped = entries.map((e) => ({ index: e.fedIndex, sqlcmd: e.sqlcmd }));
      let answer;
      try {
        // A zone that needs a re-seed is only asked for its index: no previous index matches
        // RESEED_PROBE, and entries it may already hold carry the right previous index.
        answer = await this.o.ship(this.status.endpoint, reseeding ? RESEED_PROBE : last, shipped);
      } catch (err) {
        if (reseeding) continue;
        await this.failed(describe(err));
        continue;
      }
      if (answer.ok) {
        this.backoffMs = FIRST_BACKOFF_MS;
        this.update({ state: 'replicating', lastError: '', lastIndex: answer.index });
      } else if (answer.replication && (reseeding || answer.lastIndex !== last)) {
        if (answer.lastIndex === last && reseeding) continue;
        // The slave holds another last index: resume after it.
        this.o.logger.info(
          'FRM',
          `Zone ${this.o.zoneId} holds federated index ${answer.lastIndex}: resuming after it.`,
        );
        this.update({
          state: 'replicating',
          lastIndex: answer.lastIndex,
          lastError: answer.message,
        });
      } else if (!reseeding) {
        await this.failed(answer.message);
      }
    }
  }
}
