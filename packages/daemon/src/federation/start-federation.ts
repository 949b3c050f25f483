// A server's part in a federation, by FEDERATION/MODE: a slave receives the federation log
// (one.zone.fedreplicate, applied through its zone's Raft when it has one); a master ships
// it to every other zone while this server may ship: always when solo, while it leads in an
// HA zone. Both answer the federation methods; a standalone server answers them with
// their refusals.
import type { OnedConf } from '@onekit/core';
import type { MethodSpec } from '../api/method.js';
import type { RaftNode } from '../ha/index.js';
import type { SoftState } from '../raft/index.js';
import type { Logger } from '../log/index.js';
import type { StorageReader } from '../storage/index.js';
import type { LogStore } from '../write-path/index.js';
import { raftShippedApplier, soloShippedApplier } from './apply-shipped.js';
import { xmlRpcShipper } from './fed-call.js';
import { FederationShipper } from './federation-shipper.js';
import { fedReplicateMethods } from './fedreplicate-methods.js';
import { FederationReceiver } from './receiver.js';
import { federationStatusMethods } from './status-method.js';

export interface StartFederationOptions {
  readonly config: OnedConf;
  readonly db: StorageReader;
  readonly log: LogStore;
  /** This server's part of its zone's Raft; absent on a solo server. */
  readonly node?: RaftNode;
  /** oneadmin's session (`user:password` of its one_auth): the master's calls to slaves. */
  readonly session: () => string;
  readonly logger: Logger;
}

export interface FederationRole {
  readonly methods: MethodSpec<unknown>[];
  stop(): Promise<void>;
}

function startShipper(o: StartFederationOptions): {
  shipper: FederationShipper;
  stop(): Promise<void>;
} {
  const sender = xmlRpcShipper(o.session());
  const shipper = new FederationShipper({
    db: o.db,
    log: o.log,
    zoneId: o.config.federation.zoneId,
    ship: sender.ship,
    logger: o.logger,
  });
  const report = (err: unknown) =>
    o.logger.error(
      'FRM',
      `Federation shipping: ${err instanceof Error ? err.message : String(err)}`,
    );
  const node = o.node;
  if (!node) {
    shipper.start().catch(report);
    return {
      shipper,
      async stop() {
        await shipper.stop();
        sender.close();
      },
    };
  }
  // Ships from the moment this server leads with its log reconciled, until it stops leading.
  // start and stop run in turn and ignore a repeat, so the last change always wins.
  const follow = (soft: SoftState): void => {
    const leads = soft.role === 'leader' && !soft.reconciling;
    (leads ? shipper.start() : shipper.stop()).catch(report);
  };
  const unwatch = node.watchSoftState(follow);
  follow(node.softState);
  return {
    shipper,
    async stop() {
      unwatch();
      await shipper.stop();
      sender.close();
    },
  };
}

export function startFederation(o: StartFederationOptions): FederationRole {
  const { mode } = o.config.federation;
  const ownZone = { id: o.config.federation.zoneId, db: o.db };
  const receiver =
    mode === 'SLAVE'
      ? new FederationReceiver({
          log: o.log,
          apply: o.node
            ? raftShippedApplier(o.node, o.db, { ownZone })
            : soloShippedApplier(o.log, { ownZone }),
        })
      : undefined;
  const shipping = mode === 'MASTER' ? startShipper(o) : undefined;
  return {
    methods: [
      ...fedReplicateMethods({ receiver }),
      ...federationStatusMethods({
        status: () => (shipping?.shipper.active ? shipping.shipper.status() : undefined),
      }),
    ],
    stop: async () => shipping?.stop(),
  };
}
