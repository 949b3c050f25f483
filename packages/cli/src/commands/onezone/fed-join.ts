import { Flags } from '@oclif/core';
import { OneKitError } from '@onekit/core';
import type { PlanOutcome } from '../../plan/index.js';
import { HaWizardCommand } from '../../ha-wizard/wizard-command.js';
import { hostFlags } from '../../ha-wizard/wizard-flags.js';
import {
  federationChecksDescription,
  federationPlanFlags,
} from '../../federation-wizard/federation-flags.js';

export default class ZoneFedJoin extends HaWizardCommand {
  static override summary = 'Join slave zones to a federation, step by step (a wizard).';
  static override description = [
    "Carries out step 2 of the federation procedure for each slave (--name, --rpc and --host, repeated once per slave, in the same order), one slave after the other: starts the slave's daemon once (bootstrapping its database) and stops it; creates its zone on the master (NAME, ENDPOINT); backs up the master's federated tables (onedb backup --federated on the master's host, --master, default this host), copies the backup to the slave and restores it there (onedb restore --federated); copies the credential files of the master's .one directory (one_auth, ec2_auth, oneflow_auth, onegate_auth, sunstone_auth); sets FEDERATION MODE SLAVE, ZONE_ID and MASTER_ONED in the slave's oned.conf (old file backed up); starts the daemon; and waits until the slave's FEDLOG_INDEX equals the master's. The command's endpoint is the master's (run onezone fed-master first).",
    '--dry-run prints the plan and the preflight checks and changes nothing. Before the first change the wizard asks once (--yes does not ask; without a terminal --yes is required). Progress goes to stderr, one line per step. A run record is kept in <var>/.onekit/runs/ of this machine: running the same command again resumes after the last finished step; --restart sets an unfinished run aside. On a failure the finished steps that have an undo are undone (newest first, down to the first that has none: a restored database is never rolled back) and the command to continue and the backups taken are printed.',
    'Hosts are reached as the HA wizards reach them (--transport agent, ssh or local); each agent must allow <var>/.one and <var>/backups/ha (allowed_roots) and manage the daemon as the service opennebula.',
    "A zone that already holds resources (an existing installation) keeps its local objects if its users and groups are merged into the master first: create its zone on the master (onezone create, with the NAME and ENDPOINT this command will be given), stop both daemons, run onedb import-slave --zone-id <id> on the master's database, start the master, then run this command with the same --name and --rpc: it reuses that zone.",
    federationChecksDescription(),
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --name zone-b --rpc http://10.0.1.1:2633/RPC2 --host 10.0.1.1 --master 10.0.0.1 --dry-run',
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
    const api = this.oneApi(flags);
    const master = await this.host(flags.master, flags);
    const slaves = [];
    for (const [i, name] of names.entries()) {
      slaves.push({ name, rpc: rpcs[i]!, host: await this.host(hostSpecs[i]!, flags) });
    }
    const plan = fedJoinPlan({
      deps: { federation: federationAccess(api), waiting: this.waiting(flags), clock: this.clock },
      master,
      masterOned: flags['master-oned'] ?? api.endpoint,
      slaves,
      rerun: this.rerun(),
    });
    return this.runWizard(plan, flags);
  }
}
