// The steps that import an existing zone (users, groups, ACL rules and local objects) while
// the master keeps running: the guide's "Importing Existing OpenNebula Zones", automated.
// The zone's identities are read from a full backup the plan takes (kept); what each
// becomes on the master is decided once and recorded (plan-import); the recreate steps
// look names up before creating, so a resumed run never creates a user twice; merged users
// gain the zone's groups and groups their zone administrators; the zone's
// local objects then name their owners by the new ids (onedb reown, through the host's
// agent), with the mapping written to onedb-import.log beside the backups.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { OneKitError } from '@onekit/core';
import type { Identities } from '@onekit/daemon';
import {
  backupDatabaseStep,
  DAEMON_SERVICE,
  haBackupDir,
  serverIdStep,
  serviceStep,
  stamp,
  type HaHost,
} from '../ha-wizard/index.js';
import type { JsonValue, PlanStep, StepContext } from '../plan/index.js';
import type { IdentityAccess } from './import-access.js';
import {
  importProblems,
  isCreated,
  planMapping,
  resolvedObjects,
  type ImportMapping,
} from './import-mapping.js';
import { membershipsStep } from './import-memberships-step.js';
import { hostFederation } from './federation-host-steps.js';
import { masterLabel, type FederationDeps } from './federation-zone-steps.js';

export interface ZoneImport {
  readonly mergeUsers: boolean;
  readonly mergeGroups: boolean;
  /** The zone's other servers (an HA zone): stopped; re-added later with onezone ha-add. */
  readonly otherServers: readonly HaHost[];
}

export interface ImportDeps extends FederationDeps {
  readonly identities: IdentityAccess;
  readonly clock: () => Date;
  /** Told after each user created on the master (a test may end the process there). */
  readonly afterUserCreated?: (count: number) => Promise<void>;
}

export const IMPORT_LOG = 'onedb-import.log';

type Ids = Record<string, number>;

/** The identities a backup file on the host holds (copied here to be read). */
async function backupIdentities(host: HaHost, file: string): Promise<Identities> {
  const { identitiesOfBackup } = await import('@onekit/daemon');
  const dir = await mkdtemp(join(tmpdir(), 'onekit-import-'));
  try {
    const local = join(dir, 'backup.bck');
    await writeFile(local, await host.transport.readFile(file), { mode: 0o600 });
    return await identitiesOfBackup(local);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function importSteps(
  d: ImportDeps,
  o: {
    zone: { name: string; host: HaHost };
    import: ZoneImport;
    master: HaHost;
    /** The create-zone step, put after the import is planned (its id is the zone's). */
    createZone: PlanStep;
    zoneId: (ctx: StepContext) => number;
  },
): PlanStep[] {
  const { host } = o.zone;
  const step = (action: string) => `${o.zone.name}/${action}`;
  const backupFile = (ctx: StepContext) => String(ctx.value(step('backup-existing'), 'file'));
  let read: { file: string; identities: Promise<Identities> } | undefined;
  const identitiesIn = (file: string): Promise<Identities> => {
    if (read?.file !== file) read = { file, identities: backupIdentities(host, file) };
    return read.identities;
  };
  const existing = (ctx: StepContext) => identitiesIn(backupFile(ctx));
  const mapping = (ctx: StepContext) =>
    ctx.value(step('plan-import'), 'mapping') as unknown as ImportMapping;
  const ids = (ctx: StepContext, action: string) =>
    ctx.value(step(action), 'ids') as unknown as Ids;
  const refuse = (message: string, field: string) =>
    new OneKitError('PLAN_REFUSED', message, { field });

  const stopZone = serviceStep({ name: step('stop-daemon'), host, action: 'stop' });
  const backup = backupDatabaseStep({
    name: step('backup-existing'),
    host,
    what: `existing-${o.zone.name}`,
    clock: d.clock,
  });
  return [
    {
      ...stopZone,
      title: `Stop the existing zone's ${DAEMON_SERVICE}`,
      async gate() {
        const [zone, master] = await Promise.all([hostFederation(host), hostFederation(o.master)]);
        if (zone.mode !== 'STANDALONE') {
          throw refuse(
            `${host.label} is already in a federation (MODE ${zone.mode}): only a standalone zone is imported`,
            'FEDERATION/MODE',
          );
        }
        if (master.mode !== 'MASTER') {
          throw refuse(
            `${o.master.label} is not a federation master (MODE ${master.mode}): run onezone fed-master first`,
            step('create-zone'),
          );
        }
      },
    },
    ...o.import.otherServers.map((server, i) =>
      serviceStep({ name: step(`stop-server-${i + 1}`), host: server, action: 'stop' }),
    ),
    {
      ...backup,
      title: "Back up the existing zone's whole database (onedb backup), and read its users",
      async run(ctx) {
        const taken = (await backup.run(ctx)) ?? {};
        const file = String(taken.values?.['file']);
        // A backup whose users do not read stops the import here, before any change.
        const found = await identitiesIn(file);
        if (!found.users.some((u) => u.id === 0)) {
          throw refuse(`${file} holds no oneadmin user`, 'user_pool');
        }
        return taken;
      },
      // Nothing to take back: the backup is kept, and the steps before it are undone.
      async undo() {},
    },
    serverIdStep({ name: step('solo-mode'), host, id: () => -1, clock: d.clock }),
    {
      name: step('plan-import'),
      title: "Decide each user's and group's name on the master (rename or merge)",
      host: masterLabel(d),
      async run(ctx) {
        const identities = await existing(ctx);
        const planned = planMapping({
          existing: identities,
          master: { users: await d.identities.users(), groups: await d.identities.groups() },
          mergeUsers: o.import.mergeUsers,
          mergeGroups: o.import.mergeGroups,
        });
        const problems = importProblems(identities, planned);
        if (problems.length > 0) {
          throw refuse(`the zone cannot be imported:\n  ${problems.join('\n  ')}`, 'user_pool');
        }
        return { values: { mapping: planned as unknown as JsonValue } };
      },
      // It only records a decision.
      async undo() {},
    },
    o.createZone,
    {
      name: step('recreate-groups'),
      title: 'Recreate the zone’s groups on the master (federated writes)',
      host: masterLabel(d),
      async run(ctx) {
        const identities = await existing(ctx);
        const templates = new Map(identities.groups.map((g) => [g.id, g.template]));
        const known = new Map((await d.identities.groups()).map((g) => [g.name, g.id]));
        const created: Ids = {};
        for (const g of mapping(ctx).groups) {
          const template = templates.get(g.slaveId)!;
          if (g.action === 'merged')
            await d.identities.addMissingAttributes('group', g.id, template);
          if (!isCreated(g)) continue;
          created[g.slaveId] =
            known.get(g.name) ?? (await d.identities.createGroup(g.name, template));
        }
        return { values: { ids: created } };
      },
    },
    {
      name: step('recreate-users'),
      title: 'Recreate the zone’s users on the master, with their password hashes',
      host: masterLabel(d),
      async run(ctx) {
        const identities = await existing(ctx);
        const users = new Map(identities.users.map((u) => [u.id, u]));
        const groupIds = new Map(
          resolvedObjects(mapping(ctx).groups, ids(ctx, 'recreate-groups')).map((g) => [
            g.slaveId,
            g.id,
          ]),
        );
        const gid = (id: number) => groupIds.get(id) ?? id;
        const known = new Map((await d.identities.users()).map((u) => [u.name, u.id]));
        const created: Ids = {};
        let count = 0;
        for (const u of mapping(ctx).users) {
          const user = users.get(u.slaveId)!;
          if (u.action === 'merged')
            await d.identities.addMissingAttributes('user', u.id, user.template);
          if (!isCreated(u)) continue;
          const id =
            known.get(u.name) ??
            (await d.identities.importUser({
              name: u.name,
              password: user.password,
              driver: user.authDriver,
              enabled: user.enabled,
              template: user.template,
              groups: [gid(user.gid), ...user.groups.filter((g) => g !== user.gid).map(gid)],
            }));
          created[u.slaveId] = id;
          if (!known.has(u.name)) await d.afterUserCreated?.(++count);
        }
        return { values: { ids: created } };
      },
    },
    membershipsStep({
      name: step('recreate-memberships'),
      host: masterLabel(d),
      identities: d.identities,
      existing,
      mapped: (ctx) => ({
        users: resolvedObjects(mapping(ctx).users, ids(ctx, 'recreate-users')),
        groups: resolvedObjects(mapping(ctx).groups, ids(ctx, 'recreate-groups')),
      }),
    }),
    {
      name: step('recreate-acl'),
      title: "Add the zone's ACL rules on the master (ids and the zone's own id mapped)",
      host: masterLabel(d),
      async run(ctx) {
        const { remapAclRule } = await import('@onekit/daemon');
        const identities = await existing(ctx);
        const table = (objects: { slaveId: number; id: number }[]) =>
          new Map(objects.map((x) => [x.slaveId, x.id]));
        const map = {
          user: table(resolvedObjects(mapping(ctx).users, ids(ctx, 'recreate-users'))),
          group: table(resolvedObjects(mapping(ctx).groups, ids(ctx, 'recreate-groups'))),
        };
        const key = (r: { user: bigint; resource: bigint; rights: bigint; zone: bigint }) =>
          [r.user, r.resource, r.rights, r.zone].map((m) => BigInt.asUintN(64, m)).join('/');
        const present = new Set((await d.identities.aclRules()).map(key));
        let added = 0;
        for (const rule of identities.acl) {
          const mapped = remapAclRule(rule, map, o.zoneId(ctx));
          if (present.has(key(mapped))) continue;
          await d.identities.addAclRule(mapped);
          present.add(key(mapped));
          added++;
        }
        return { values: { added } };
      },
    },
    {
      name: step('reown-local'),
      title: `Give local objects their owners' new ids (onedb reown), mapping in ${IMPORT_LOG}`,
      host: host.label,
      async gate() {
        if ((await host.transport.service('status', DAEMON_SERVICE)).active) {
          throw refuse(`${DAEMON_SERVICE} runs on ${host.label}`, step('reown-local'));
        }
      },
      async run(ctx) {
        const { importLog } = await import('@onekit/daemon');
        const users = resolvedObjects(mapping(ctx).users, ids(ctx, 'recreate-users'));
        const groups = resolvedObjects(mapping(ctx).groups, ids(ctx, 'recreate-groups'));
        const text = importLog(
          { users, groups },
          {
            at: d.clock(),
            slave: `${o.zone.name} (${host.label})`,
            master: d.federation.endpoint,
            zoneId: o.zoneId(ctx),
            mergeUsers: o.import.mergeUsers,
            mergeGroups: o.import.mergeGroups,
          },
        );
        const dir = haBackupDir((await host.transport.paths()).var);
        const log = posix.join(dir, IMPORT_LOG);
        await host.transport.writeFile(log, Buffer.from(text), {
          mode: 0o600,
          backupDir: posix.join(dir, `${stamp(d.clock())}-onedb-import`),
        });
        const { output } = await host.transport.reownDatabase(log);
        return {
          values: { log, output },
          backups: [
            {
              host: host.label,
              file: log,
              what: 'onedb-import.log: old id, new id and new name of every user and group',
            },
          ],
        };
      },
    },
  ];
}
