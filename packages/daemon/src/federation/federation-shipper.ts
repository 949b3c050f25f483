// The master's federation log shipping: one ZoneShipper per zone of zone_pool other than
// the master's own, reached at the zone's ENDPOINT. It runs while this server may ship (a
// solo master always, an HA master's server while it leads); zones created, deleted or
// given another ENDPOINT are picked up as their entries are applied, and every applied
// entry wakes the shippers. A zone found later starts at the master's last federated index
// (oned's rule: a new zone is assumed to hold the federated tables already).
import type { Logger } from '../log/index.js';
import { listZones } from '../pools/zone/index.js';
import { SerialQueue, type StorageReader } from '../storage/index.js';
import type { AppliedListener } from '../write-path/index.js';
import type { ShipEntries } from './fed-call.js';
import { NO_FEDERATED_INDEX } from './receiver.js';
import { ZoneShipper, type FederatedLogReader, type ZoneShipStatus } from './zone-shipper.js';

export interface FederationShipperOptions {
  readonly db: StorageReader;
  readonly log: FederatedLogReader & {
    lastFederatedIndex(): Promise<bigint | undefined>;
    onApplied(listener: AppliedListener): () => void;
  };
  /** The master's own zone (FEDERATION/ZONE_ID). */
  readonly zoneId: number;
  readonly ship: ShipEntries;
  readonly logger: Logger;
  /** Entries per call (default 256). */
  readonly batch?: number;
}

const DEFAULT_BATCH = 256;

export class FederationShipper {
  private readonly zones = new Map<number, ZoneShipper>();
  private readonly queue = new SerialQueue();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly o: FederationShipperOptions) {}

  get active(): boolean {
    return this.unsubscribe !== undefined;
  }

  /** Starts shipping to every other zone (no-op when already shipping). */
  start(): Promise<void> {
    return this.queue.run(async () => {
      if (this.unsubscribe) return;
      this.unsubscribe = this.o.log.onApplied(({ tables }) => {
        for (const zone of this.zones.values()) zone.wake();
        if (tables.has('zone_pool')) void this.syncZones();
      });
      this.o.logger.info('FRM', 'Federation log shipping started.');
      await this.reconcile();
    });
  }

  /** Stops every zone's shipping (no-op when not shipping). */
  stop(): Promise<void> {
    return this.queue.run(async () => {
      if (!this.unsubscribe) return;
      this.unsubscribe();
      this.unsubscribe = undefined;
      await Promise.all([...this.zones.values()].map((z) => z.stop()));
      this.zones.clear();
      this.o.logger.info('FRM', 'Federation log shipping stopped.');
    });
  }

  /** Each shipped zone's state, by zone id. */
  status(): ZoneShipStatus[] {
    return [...this.zones.values()].map((z) => z.current).sort((a, b) => a.zoneId - b.zoneId);
  }

  private syncZones(): Promise<void> {
    return this.queue.run(async () => {
      if (this.unsubscribe) await this.reconcile();
    });
  }

  private async reconcile(): Promise<void> {
    const wanted = new Map<number, string>();
    for (const zone of await listZones(this.o.db)) {
      if (zone.id !== this.o.zoneId) wanted.set(zone.id, zone.template.get('ENDPOINT') ?? '');
    }
    for (const [id, shipper] of this.zones) {
      if (wanted.has(id)) continue;
      this.zones.delete(id);
      await shipper.stop();
      this.o.logger.info('FRM', `Zone ${id} left the federation: shipping stopped.`);
    }
    const last = (await this.o.log.lastFederatedIndex()) ?? NO_FEDERATED_INDEX;
    for (const [id, endpoint] of wanted) {
      const existing = this.zones.get(id);
      if (existing) {
        existing.setEndpoint(endpoint);
        continue;
      }
      this.zones.set(
        id,
        new ZoneShipper({
          zoneId: id,
          endpoint,
          lastIndex: last,
          log: this.o.log,
          ship: this.o.ship,
          logger: this.o.logger,
          batch: this.o.batch ?? DEFAULT_BATCH,
        }),
      );
      this.o.logger.info('FRM', `Shipping the federation log to zone ${id} at ${endpoint}.`);
    }
  }
}
