// The steps only an upgrade has: onedb upgrade on a host, a zone enabled or disabled
// through its own endpoint, and the final gate over the whole federation.
import { posix } from 'node:path';
import { OneKitError } from '@onekit/core';
import { DAEMON_SERVICE, haBackupDir, stamp, type HaHost } from '../ha-wizard/host-steps.js';
import { waitUntil, type Waiting } from '../ha-wizard/wait.js';
import type { PlanStep } from '../plan/index.js';
import type { OneApi } from '../rpc/index.js';
import { readZoneInfo } from '../zone/zone-list.js';
import type { UpgradeTarget } from './target.js';
import { schemaText } from './target.js';

/** `onedb upgrade` with the daemon stopped; a database at the target already is left alone. */
export function upgradeDatabaseStep(o: {
  name: string;
  host: HaHost;
  target: UpgradeTarget;
  clock: () => Date;
}): PlanStep {
  const atTarget = async () => {
    const schema = (await o.host.transport.versions()).schema;
    return { schema, done: schema?.shared === o.target.shared && schema.local === o.target.local };
  };
  return {
    name: o.name,
    title: `Upgrade the database schema to ${schemaText(o.target)} (onedb upgrade)`,
    host: o.host.label,
    async gate() {
      if ((await o.host.transport.service('status', DAEMON_SERVICE)).active) {
        throw new OneKitError('PLAN_REFUSED', `${DAEMON_SERVICE} runs on ${o.host.label}`, {
          field: o.name,
        });
      }
    },
    async run(ctx) {
      if ((await atTarget()).done) {
        ctx.say(`${o.host.label}: the schema is at ${schemaText(o.target)} already\n`);
        return { values: { upgraded: false } };
      }
      const paths = await o.host.transport.paths();
      const file = posix.join(haBackupDir(paths.var), `${stamp(o.clock())}-before-upgrade.bck`);
      await o.host.transport.upgradeDatabase(['-b', file]);
      return {
        values: { upgraded: true },
        backups: [
          {
            host: o.host.label,
            file,
            what: 'database before onedb upgrade',
            restore: `onedb restore -f ${file}`,
          },
        ],
      };
    },
    async check() {
      const { schema, done } = await atTarget();
      if (!done) {
        throw new OneKitError(
          'DB_UPGRADE',
          `${o.host.label}: the schema is ${schema ? schemaText(schema) : 'unreadable'}`,
          { field: o.name },
        );
      }
    },
  };
}

/**
 * one.zone.enable through the zone's own endpoint (oned takes it only there). The check
 * waits for the state: the server it reads from may be a follower that applies the change
 * a moment after the leader answered.
 */
export function zoneEnableStep(o: {
  name: string;
  api: OneApi;
  zone: { id: number; endpoint: string };
  enabled: boolean;
  waiting: Waiting;
}): PlanStep {
  const set = async (enabled: boolean) => {
    const client = await o.api.clientFor(o.zone.endpoint, { timeoutMs: 10_000 });
    await client.callId('one.zone.enable', o.zone.id, enabled);
  };
  return {
    name: o.name,
    title: `${o.enabled ? 'Enable' : 'Disable'} zone ${o.zone.id} (onezone ${o.enabled ? 'enable' : 'disable'})`,
    host: `zone ${o.zone.id}`,
    run: () => set(o.enabled),
    async check() {
      let state: number | undefined;
      try {
        await waitUntil(
          o.name,
          async () => {
            state = (await readZoneInfo(o.api, o.zone.id)).state;
            return (state === 0) === o.enabled
              ? undefined
              : `zone ${o.zone.id} is in state ${state}`;
          },
          o.waiting,
        );
      } catch {
        throw new OneKitError('ONE_API', `zone ${o.zone.id} is in state ${String(state)}`, {
          field: o.name,
        });
      }
    },
    undo: () => set(!o.enabled),
  };
}

/** Waits until `problems` finds nothing (the federation's final gate). */
export function gateStep(o: {
  name: string;
  title: string;
  waiting: Waiting;
  problems: () => Promise<string[]>;
}): PlanStep {
  return {
    name: o.name,
    title: o.title,
    host: 'federation',
    async run() {
      await waitUntil(o.name, async () => (await o.problems()).join('; ') || undefined, o.waiting);
    },
  };
}
