// Steps that act on one host through its HostTransport: database backup and restore
// (onedb), copying files between hosts, the daemon's service, SERVER_ID in oned.conf.
// Backups go to `<var>/backups/ha/` on the host that holds them; with the agent transport
// its config must allow that folder and `<var>/.one` (allowed_roots).
import { OneKitError } from '@onekit/core';
import { posix } from 'node:path';
import type { HostTransport } from '../transport/host-transport.js';
import type { BackupNote, PlanStep, StepContext } from '../plan/index.js';
import {
  federationOf,
  withFederation,
  type FederationSettings,
} from '../serversync/oned-conf/index.js';
import { serverIdOf, withServerId } from './server-id-conf.js';

export interface HaHost {
  /** How plans and messages name the host. */
  readonly label: string;
  readonly transport: HostTransport;
}

/** The daemon's service name, as the host's service manager knows it. */
export const DAEMON_SERVICE = 'opennebula';

export function haBackupDir(hostVar: string): string {
  return posix.join(hostVar, 'backups', 'ha');
}

/** A file name stamp from the clock: 20260101T120000Z. */
export function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

type Clock = () => Date;

/**
 * `onedb backup` on the host, into its HA backup folder (records `file`); with `federated`,
 * only the federated tables (`onedb backup --federated`).
 */
export function backupDatabaseStep(o: {
  name: string;
  host: HaHost;
  what: string;
  clock: Clock;
  federated?: boolean;
}): PlanStep {
  const args = o.federated ? ['--federated'] : [];
  return {
    name: o.name,
    title: `Back up the ${o.federated ? 'federated tables' : 'database'} (onedb backup${o.federated ? ' --federated' : ''})`,
    host: o.host.label,
    async run() {
      const paths = await o.host.transport.paths();
      const target = posix.join(haBackupDir(paths.var), `${stamp(o.clock())}-${o.what}.bck`);
      const { file } = await o.host.transport.backupDatabase([...args, target]);
      const restore = `onedb restore -f ${[...args, file].join(' ')}`;
      return { values: { file }, backups: [{ host: o.host.label, file, what: o.what, restore }] };
    },
  };
}

/** Copies a file recorded by an earlier step to the other host's HA backup folder. */
export function copyFileStep(o: {
  name: string;
  title: string;
  from: HaHost;
  to: HaHost;
  source: (ctx: StepContext) => string;
}): PlanStep {
  return {
    name: o.name,
    title: o.title,
    host: o.to.label,
    async run(ctx) {
      const source = o.source(ctx);
      const content = await o.from.transport.readFile(source);
      const paths = await o.to.transport.paths();
      const file = posix.join(haBackupDir(paths.var), posix.basename(source));
      await o.to.transport.writeFile(file, content, { mode: 0o600 });
      return {
        values: { file },
        backups: [{ host: o.to.label, file, what: `copy of ${o.from.label}:${source}` }],
      };
    },
  };
}

/**
 * Makes `<var>/.one` on `to` a copy of the one on `from` (credentials the servers of a
 * zone share); files it replaces are backed up first.
 */
export function copyOneDirStep(o: {
  name: string;
  from: HaHost;
  to: HaHost;
  clock: Clock;
}): PlanStep {
  return {
    name: o.name,
    title: `Copy the .one directory of ${o.from.label}`,
    host: o.to.label,
    async run() {
      const fromDir = posix.join((await o.from.transport.paths()).var, '.one');
      const toVar = (await o.to.transport.paths()).var;
      const backupDir = posix.join(haBackupDir(toVar), `${stamp(o.clock())}-one-dir`);
      const backups: BackupNote[] = [];
      for (const f of await o.from.transport.listFiles(fromDir)) {
        if (f.kind !== 'file') continue;
        const content = await o.from.transport.readFile(posix.join(fromDir, f.path));
        const target = posix.join(toVar, '.one', f.path);
        const { backup } = await o.to.transport.writeFile(target, content, {
          mode: f.mode,
          backupDir,
        });
        if (backup) backups.push({ host: o.to.label, file: backup, what: `old ${target}` });
      }
      return { backups };
    },
  };
}

/** Starts or stops the daemon; the undo puts it back as it was. */
export function serviceStep(o: {
  name: string;
  host: HaHost;
  action: 'start' | 'stop' | 'restart';
  service?: string;
}): PlanStep {
  const service = o.service ?? DAEMON_SERVICE;
  const wanted = o.action !== 'stop';
  const verb = { start: 'Start', stop: 'Stop', restart: 'Restart' }[o.action];
  return {
    name: o.name,
    title: `${verb} ${service}`,
    host: o.host.label,
    async run() {
      const before = (await o.host.transport.service('status', service)).active;
      if (o.action === 'restart' || before !== wanted)
        await o.host.transport.service(o.action, service);
      return { values: { wasActive: before } };
    },
    async check() {
      const active = (await o.host.transport.service('status', service)).active;
      if (active !== wanted) {
        throw new OneKitError('SERVICE_ACTION', `${service} is ${active ? 'running' : 'stopped'}`, {
          field: service,
        });
      }
    },
    ...(o.action === 'restart'
      ? {}
      : {
          async undo(ctx: StepContext) {
            const before = ctx.value(o.name, 'wasActive') === true;
            if (before !== wanted)
              await o.host.transport.service(before ? 'start' : 'stop', service);
          },
        }),
  };
}

/**
 * `onedb restore -f` of a file an earlier step recorded; only with the daemon stopped. With
 * `federated`, the federated tables of a federated backup (`--federated`).
 */
export function restoreDatabaseStep(o: {
  name: string;
  host: HaHost;
  file: (ctx: StepContext) => string;
  title?: string;
  federated?: boolean;
}): PlanStep {
  return {
    name: o.name,
    title: o.title ?? "Restore the leader's database (onedb restore)",
    host: o.host.label,
    async gate() {
      if ((await o.host.transport.service('status', DAEMON_SERVICE)).active) {
        throw new OneKitError('PLAN_REFUSED', `${DAEMON_SERVICE} runs on ${o.host.label}`, {
          field: o.name,
        });
      }
    },
    async run(ctx) {
      await o.host.transport.restoreDatabase(o.file(ctx), o.federated ? ['--federated'] : []);
    },
  };
}

/** The host's oned.conf: where it is and what it holds. */
async function onedConf(host: HaHost): Promise<{ file: string; text: string; var: string }> {
  const paths = await host.transport.paths();
  const file = posix.join(paths.etc, 'oned.conf');
  return { file, text: (await host.transport.readFile(file)).toString('utf8'), var: paths.var };
}

/**
 * Sets FEDERATION/SERVER_ID in the host's oned.conf (old file backed up); undo sets it back.
 * With `federationOf`, the host also gets that host's MODE, ZONE_ID and MASTER_ONED: a
 * server joining a federated zone runs in its zone's role, and serversync keeps FEDERATION
 * as each server's own.
 */
export function serverIdStep(o: {
  name: string;
  host: HaHost;
  id: (ctx: StepContext) => number;
  clock: Clock;
  federationOf?: HaHost;
}): PlanStep {
  const write = async (id: number, federation: FederationSettings | undefined) => {
    const conf = await onedConf(o.host);
    const previous = {
      id: serverIdOf(conf.text, conf.file),
      federation: federationOf(conf.text, conf.file),
    };
    let next = withServerId(conf.text, id, conf.file);
    if (federation !== undefined) next = withFederation(next, federation, conf.file);
    if (next === conf.text) return { previous };
    const backupDir = posix.join(haBackupDir(conf.var), `${stamp(o.clock())}-oned-conf`);
    const { backup } = await o.host.transport.writeFile(conf.file, Buffer.from(next), {
      backupDir,
    });
    return { previous, backup, file: conf.file };
  };
  const wanted = async () => {
    if (o.federationOf === undefined) return undefined;
    const source = await onedConf(o.federationOf);
    return federationOf(source.text, source.file);
  };
  return {
    name: o.name,
    title:
      o.federationOf === undefined
        ? 'Set FEDERATION/SERVER_ID in oned.conf'
        : `Set FEDERATION/SERVER_ID, and MODE, ZONE_ID, MASTER_ONED as on ${o.federationOf.label}, in oned.conf`,
    host: o.host.label,
    async run(ctx) {
      const { previous, backup, file } = await write(o.id(ctx), await wanted());
      return {
        values: { previous: previous.id, previousFederation: { ...previous.federation } },
        backups: backup ? [{ host: o.host.label, file: backup, what: `old ${file}` }] : [],
      };
    },
    async check(ctx) {
      const conf = await onedConf(o.host);
      const id = serverIdOf(conf.text, conf.file);
      if (id !== o.id(ctx)) {
        throw new OneKitError('CONFIG_INVALID', `SERVER_ID is ${id}`, {
          file: conf.file,
          field: 'FEDERATION/SERVER_ID',
        });
      }
      const federation = await wanted();
      const mode = federationOf(conf.text, conf.file).mode;
      if (federation !== undefined && mode !== federation.mode) {
        throw new OneKitError('CONFIG_INVALID', `FEDERATION/MODE is ${mode}`, {
          file: conf.file,
          field: 'FEDERATION/MODE',
        });
      }
    },
    async undo(ctx) {
      const previousFederation =
        o.federationOf === undefined
          ? undefined
          : (ctx.value(o.name, 'previousFederation') as unknown as FederationSettings);
      await write(Number(ctx.value(o.name, 'previous')), previousFederation);
    },
  };
}
