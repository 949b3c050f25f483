// Steps of the federation procedure that act on one host through its HostTransport:
// FEDERATION in oned.conf, the federated backup and its restore (onedb --federated), and
// the credential files of the master's .one directory. Backups go where the HA wizards
// keep theirs (<var>/backups/ha), so one agent configuration serves both.
import { OneKitError } from '@onekit/core';
import { posix } from 'node:path';
import { DAEMON_SERVICE, haBackupDir, stamp, type HaHost } from '../ha-wizard/index.js';
import type { BackupNote, PlanStep, StepContext } from '../plan/index.js';
import {
  federationOf,
  withFederation,
  type FederationSettings,
} from '../serversync/oned-conf/index.js';

type Clock = () => Date;

async function onedConf(host: HaHost): Promise<{ file: string; text: string; varDir: string }> {
  const paths = await host.transport.paths();
  const file = posix.join(paths.etc, 'oned.conf');
  return { file, text: (await host.transport.readFile(file)).toString('utf8'), varDir: paths.var };
}

/** The host's FEDERATION settings, read from its oned.conf. */
export async function hostFederation(host: HaHost): Promise<FederationSettings> {
  const { file, text } = await onedConf(host);
  return federationOf(text, file);
}

/**
 * Sets FEDERATION (MODE, ZONE_ID, MASTER_ONED) in the host's oned.conf, the old file backed
 * up; the undo writes the settings it found back.
 */
export function federationConfStep(o: {
  name: string;
  host: HaHost;
  settings: (ctx: StepContext) => FederationSettings;
  clock: Clock;
  /** Refuses a host whose current settings are these (e.g. a slave made master). */
  refuse?: (current: FederationSettings) => string | undefined;
}): PlanStep {
  const write = async (settings: FederationSettings) => {
    const { file, text, varDir } = await onedConf(o.host);
    const previous = federationOf(text, file);
    const next = withFederation(text, settings, file);
    if (next === text) return { file, previous };
    const backupDir = posix.join(haBackupDir(varDir), `${stamp(o.clock())}-oned-conf`);
    const { backup } = await o.host.transport.writeFile(file, Buffer.from(next), { backupDir });
    return { file, previous, backup };
  };
  return {
    name: o.name,
    title: 'Set FEDERATION (MODE, ZONE_ID, MASTER_ONED) in oned.conf',
    host: o.host.label,
    async gate(ctx) {
      const wanted = o.settings(ctx);
      const current = await hostFederation(o.host);
      const problem = sameSettings(current, wanted) ? undefined : o.refuse?.(current);
      if (problem) throw new OneKitError('PLAN_REFUSED', problem, { field: o.name });
    },
    async run(ctx) {
      const { file, previous, backup } = await write(o.settings(ctx));
      return {
        values: { ...previous },
        backups: backup ? [{ host: o.host.label, file: backup, what: `old ${file}` }] : [],
      };
    },
    async check(ctx) {
      const wanted = o.settings(ctx);
      const current = await hostFederation(o.host);
      if (!sameSettings(current, wanted)) {
        throw new OneKitError('CONFIG_INVALID', `FEDERATION is ${JSON.stringify(current)}`, {
          field: 'FEDERATION',
        });
      }
    },
    async undo(ctx) {
      await write({
        mode: String(ctx.value(o.name, 'mode')) as FederationSettings['mode'],
        zoneId: Number(ctx.value(o.name, 'zoneId')),
        masterOned: String(ctx.value(o.name, 'masterOned')),
      });
    },
  };
}

function sameSettings(a: FederationSettings, b: FederationSettings): boolean {
  return a.mode === b.mode && a.zoneId === b.zoneId && a.masterOned === b.masterOned;
}

/** `onedb backup --federated` on the host, into its backup folder (records `file`). */
export function federatedBackupStep(o: {
  name: string;
  host: HaHost;
  what: string;
  clock: Clock;
}): PlanStep {
  return {
    name: o.name,
    title: 'Back up the federated tables (onedb backup --federated)',
    host: o.host.label,
    async run() {
      const paths = await o.host.transport.paths();
      const target = posix.join(haBackupDir(paths.var), `${stamp(o.clock())}-${o.what}.bck`);
      const { file } = await o.host.transport.backupDatabase(['--federated', target]);
      return {
        values: { file },
        backups: [
          {
            host: o.host.label,
            file,
            what: o.what,
            restore: `onedb restore --federated -f ${file}`,
          },
        ],
      };
    },
  };
}

/** `onedb restore --federated` of a file an earlier step recorded; only with the daemon stopped. */
export function federatedRestoreStep(o: {
  name: string;
  host: HaHost;
  file: (ctx: StepContext) => string;
}): PlanStep {
  return {
    name: o.name,
    title: "Restore the master's federated tables (onedb restore --federated)",
    host: o.host.label,
    async gate() {
      if ((await o.host.transport.service('status', DAEMON_SERVICE)).active) {
        throw new OneKitError('PLAN_REFUSED', `${DAEMON_SERVICE} runs on ${o.host.label}`, {
          field: o.name,
        });
      }
    },
    async run(ctx) {
      await o.host.transport.restoreDatabase(o.file(ctx), ['--federated']);
    },
  };
}

/** The files of the master's .one directory a slave takes: the federation's credentials. */
export const federationAuthFiles = [
  'one_auth',
  'ec2_auth',
  'oneflow_auth',
  'onegate_auth',
  'sunstone_auth',
] as const;

/** Copies the credential files the master's .one holds to the slave's (old ones backed up). */
export function copyAuthFilesStep(o: {
  name: string;
  from: HaHost;
  to: HaHost;
  clock: Clock;
}): PlanStep {
  return {
    name: o.name,
    title: `Copy the credentials of ${o.from.label}'s .one directory`,
    host: o.to.label,
    async run() {
      const fromDir = posix.join((await o.from.transport.paths()).var, '.one');
      const toVar = (await o.to.transport.paths()).var;
      const backupDir = posix.join(haBackupDir(toVar), `${stamp(o.clock())}-one-dir`);
      const wanted = new Set<string>(federationAuthFiles);
      const backups: BackupNote[] = [];
      const copied: string[] = [];
      for (const f of await o.from.transport.listFiles(fromDir)) {
        if (f.kind !== 'file' || !wanted.has(f.path)) continue;
        const content = await o.from.transport.readFile(posix.join(fromDir, f.path));
        const target = posix.join(toVar, '.one', f.path);
        const { backup } = await o.to.transport.writeFile(target, content, {
          mode: f.mode,
          backupDir,
        });
        copied.push(f.path);
        if (backup) backups.push({ host: o.to.label, file: backup, what: `old ${target}` });
      }
      if (!copied.includes('one_auth')) {
        throw new OneKitError('PLAN_REFUSED', `${fromDir} holds no one_auth`, { file: fromDir });
      }
      return { values: { copied }, backups };
    },
  };
}
