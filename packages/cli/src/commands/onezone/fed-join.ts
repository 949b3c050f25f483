import { Flags } from '@oclif/core';
import { OneKitError } from '@onekit/core';
import type { PlanOutcome } from '../../plan/index.js';
import { HaWizardCommand, type HostFlagValues } from '../../ha-wizard/wizard-command.js';
import type { ZoneImport } from '../../federation-wizard/import-zone-steps.js';
import { hostFlags } from '../../ha-wizard/wizard-flags.js';
import {
  federationChecksDescription,
  federationPlanFlags,
} from '../../federation-wizard/federation-flags.js';

export default class ZoneFedJoin extends HaWizardCommand {
  static override summary =
    'Join slave zones to a federation, new or existing (--import), step by step (a wizard).';
  static override description = [
    "Carries out step 2 of the federation procedure for each slave (--name, --rpc and --host, repeated once per slave, in the same order), one slave after the other: starts the slave's daemon once (bootstrapping its database) and stops it; creates its zone on the master (NAME, ENDPOINT); backs up the master's federated tables (onedb backup --federated on the master's host, --master, default this host), copies the backup to the slave and restores it there (onedb restore --federated); copies the credential files of the master's .one directory (one_auth, ec2_auth, oneflow_auth, onegate_auth, sunstone_auth); sets FEDERATION MODE SLAVE, ZONE_ID and MASTER_ONED in the slave's oned.conf (old file backed up); starts the daemon; and waits until the slave's FEDLOG_INDEX equals the master's. The command's endpoint is the master's (run onezone fed-master first).",
    '--dry-run prints the plan and the preflight checks and changes nothing. Before the first change the wizard asks once (--yes does not ask; without a terminal --yes is required). Progress goes to stderr, one line per step. A run record is kept in <var>/.onekit/runs/ of this machine: running the same command again resumes after the last finished step; --restart sets an unfinished run aside. On a failure the finished steps that have an undo are undone (newest first, down to the first that has none: a restored database is never rolled back) and the command to continue and the backups taken are printed.',
    'Hosts are reached as the HA wizards reach them (--transport agent, ssh or local); each agent must allow <var>/.one and <var>/backups/ha (allowed_roots) and manage the daemon as the service opennebula.',
    "--import joins a zone that already holds users, groups and objects (an existing installation), one named with --name, --rpc and --host, while the master keeps running: the zone's daemon is stopped (with --zone-server, the other servers of an HA zone too: they are re-added later with onezone ha-add) and the host named keeps on alone (SERVER_ID -1); a full backup of its database is taken (kept) and its users and groups are read from it; the zone is created on the master; its groups, then its users (password hashes, auth drivers, enabled flag, primary and secondary groups, templates) are recreated on the master as federated writes, so HA master servers and the other slave zones receive them; a merged user gains the zone's groups and each recreated or merged group its zone administrators (one.user.addgroup, one.group.addadmin); its ACL rules follow with the new ids, its own zone becoming the new zone; its local objects (VMs, hosts, images, templates, ...) are given their owners' and groups' new ids (onedb reown on that host); and the old id, new id and new name of every user and group are written to onedb-import.log in <var>/backups/ha on that host. Then the zone joins as above. A name the master already has is imported as name-1 (then -2, ...) unless --merge-users or --merge-groups merges it into the master's (the master's attributes win, the zone's other attributes are added); on a terminal the command asks, otherwise the flags (or --no-merge-users, --no-merge-groups) are required. Only a standalone zone is imported; a zone whose users cannot be recreated is refused before the master is changed.",
    federationChecksDescription(),
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --name zone-b --rpc http://10.0.1.1:2633/RPC2 --host 10.0.1.1 --master 10.0.0.1 --dry-run',
    '<%= config.bin %> <%= command.id %> --import --no-merge-users --no-merge-groups --name zone-d --rpc http://10.0.3.1:2633/RPC2 --host 10.0.3.1 --master 10.0.0.1 --yes',
    '<%= config.bin %> <%= command.id %> --name zone-b --rpc http://10.0.1.1:2633/RPC2 --host 10.0.1.1 --name zone-c --rpc http://10.0.2.1:2633/RPC2 --host 10.0.2.1 --master 10.0.0.1 --yes',
  ];
  static override flags = {
    name: Flags.string({
      char: 'n',
      description: 'Name of a slave zone (repeat once per slave).',
      multiple: true,
      helpValue: 'NAME',
    }),
    rpc: Flags.string({
      char: 'r',
      description: "A slave's XML-RPC endpoint, its zone's ENDPOINT (one per --name).",
      multiple: true,
      helpValue: 'URL',
    }),
    host: Flags.string({
      description:
        "A slave's host (one per --name; with --transport local: its ONE_LOCATION root).",
      multiple: true,
      helpValue: 'HOST',
    }),
    master: Flags.string({
      description:
        "The master's host, whose federated tables and credentials are copied (default: this host).",
      helpValue: 'HOST',
    }),
    import: Flags.boolean({
      description:
        'The slaves are existing zones: import their users, groups, ACL rules and objects.',
    }),
    'merge-users': Flags.boolean({
      description: "With --import: merge a zone's user into the master's user of the same name.",
      allowNo: true,
    }),
    'merge-groups': Flags.boolean({
      description: "With --import: merge a zone's group into the master's group of the same name.",
      allowNo: true,
    }),
    'zone-server': Flags.string({
      description:
        'With --import: another server of the imported HA zone, stopped before the import (repeatable).',
      multiple: true,
      helpValue: 'HOST',
    }),
    'stop-after-created': Flags.integer({
      description:
        'Kill this process (SIGKILL) once N imported users are created: for resume tests.',
      hidden: true,
    }),
    'master-oned': Flags.string({
      description: "The slaves' MASTER_ONED (default: the command's endpoint).",
      helpValue: 'URL',
    }),
    ...hostFlags,
    ...federationPlanFlags,
  };

  async run(): Promise<PlanOutcome> {
    const { flags } = await this.parse(ZoneFedJoin);
    const { fedJoinPlan, federationAccess } = await import('../../federation-wizard/index.js');
    const names = flags.name ?? [await this.ask('name', undefined, 'Name of the slave zone')];
    const rpcs = flags.rpc ?? [await this.ask('rpc', undefined, "The slave's XML-RPC endpoint")];
    const hostSpecs = flags.host ?? [await this.ask('host', undefined, "The slave's host")];
    for (const [flag, list] of [
      ['rpc', rpcs],
      ['host', hostSpecs],
    ] as const) {
      if (list.length !== names.length) {
        throw new OneKitError(
          'FLAG_INVALID',
          `${names.length} --name but ${list.length} --${flag}: give one of each per slave`,
          { field: flag },
        );
      }
    }
    const zoneImport = await this.zoneImport(flags, names.length);
    const api = this.oneApi(flags);
    const master = await this.host(flags.master, flags);
    const slaves = [];
    for (const [i, name] of names.entries()) {
      slaves.push({
        name,
        rpc: rpcs[i]!,
        host: await this.host(hostSpecs[i]!, flags),
        ...(zoneImport && { import: zoneImport }),
      });
    }
    const { identityAccess } = await import('../../federation-wizard/import-access.js');
    const stopAfter = flags['stop-after-created'];
    const plan = fedJoinPlan({
      deps: {
        federation: federationAccess(api),
        waiting: this.waiting(flags),
        clock: this.clock,
        identities: identityAccess(api),
        ...(stopAfter !== undefined && {
          afterUserCreated: async (count: number) => {
            if (count === stopAfter) process.kill(process.pid, 'SIGKILL');
          },
        }),
      },
      master,
      masterOned: flags['master-oned'] ?? api.endpoint,
      slaves,
      rerun: this.rerun(),
    });
    return this.runWizard(plan, flags);
  }

  /** --import's answers: the merge questions (asked on a terminal) and the HA servers. */
  private async zoneImport(
    flags: {
      import: boolean;
      'merge-users'?: boolean;
      'merge-groups'?: boolean;
      'zone-server'?: string[];
    } & HostFlagValues,
    slaves: number,
  ): Promise<ZoneImport | undefined> {
    if (!flags.import) {
      const stray = (['merge-users', 'merge-groups', 'zone-server'] as const).find(
        (f) => flags[f] !== undefined,
      );
      if (stray) {
        throw new OneKitError('FLAG_INVALID', `--${stray} is for --import only`, { field: stray });
      }
      return undefined;
    }
    if (flags['zone-server'] && slaves !== 1) {
      throw new OneKitError('FLAG_INVALID', '--zone-server needs a single --name', {
        field: 'zone-server',
      });
    }
    const { flagOrPrompt } = await import('../../prompt/index.js');
    const ask = (what: string) => () =>
      this.prompter.confirm(`Merge ${what} whose names the master already has?`, {
        default: false,
      });
    const mergeUsers = await flagOrPrompt({
      value: flags['merge-users'],
      flag: 'merge-users',
      io: this.io,
      ask: ask('users'),
    });
    const mergeGroups = await flagOrPrompt({
      value: flags['merge-groups'],
      flag: 'merge-groups',
      io: this.io,
      ask: ask('groups'),
    });
    const otherServers = [];
    for (const spec of flags['zone-server'] ?? []) otherServers.push(await this.host(spec, flags));
    return { mergeUsers, mergeGroups, otherServers };
  }
}
