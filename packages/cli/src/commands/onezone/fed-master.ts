import { Flags } from '@oclif/core';
import type { PlanOutcome } from '../../plan/index.js';
import { HaWizardCommand } from '../../ha-wizard/wizard-command.js';
import { hostFlags } from '../../ha-wizard/wizard-flags.js';
import {
  federationChecksDescription,
  federationPlanFlags,
} from '../../federation-wizard/federation-flags.js';

export default class ZoneFedMaster extends HaWizardCommand {
  static override summary =
    'Make a standalone front-end the master of a federation, step by step (a wizard).';
  static override description = [
    "Carries out step 1 of the federation procedure: sets zone 0's ENDPOINT to --rpc (the address slaves reach the master at), sets FEDERATION MODE MASTER and ZONE_ID 0 in oned.conf of the master's host (--master, default this host; the old file is backed up), restarts its daemon and waits until it answers. Then add slave zones with onezone fed-join.",
    '--dry-run prints the plan and the preflight checks and changes nothing. Before the first change the wizard asks once (--yes does not ask; without a terminal --yes is required). Progress goes to stderr, one line per step. A run record is kept in <var>/.onekit/runs/ of this machine: running the same command again resumes after the last finished step; --restart sets an unfinished run aside. On a failure the finished steps that have an undo are undone (newest first) and the command to continue is printed.',
    'Hosts are reached as the HA wizards reach them (--transport agent, ssh or local); the agent must allow <var>/.one and <var>/backups/ha (allowed_roots) and manage the daemon as the service opennebula.',
    federationChecksDescription(),
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --rpc http://10.0.0.1:2633/RPC2 --master 10.0.0.1 --dry-run',
    '<%= config.bin %> <%= command.id %> --rpc http://10.0.0.1:2633/RPC2 --master 10.0.0.1 --yes',
  ];
  static override flags = {
    rpc: Flags.string({
      char: 'r',
      description: "The master's XML-RPC endpoint as slaves reach it (zone 0's ENDPOINT).",
      helpValue: 'URL',
    }),
    master: Flags.string({
      description: "The master's host (default: this host).",
      helpValue: 'HOST',
    }),
    ...hostFlags,
    ...federationPlanFlags,
  };

  async run(): Promise<PlanOutcome> {
    const { flags } = await this.parse(ZoneFedMaster);
    const { fedMasterPlan, federationAccess } = await import('../../federation-wizard/index.js');
    const rpc = await this.ask('rpc', flags.rpc, "The master's XML-RPC endpoint");
    const master = await this.host(flags.master, flags);
    const plan = fedMasterPlan({
      deps: {
        federation: federationAccess(this.oneApi(flags)),
        waiting: this.waiting(flags),
        clock: this.clock,
      },
      rpc,
      master,
      rerun: this.rerun(),
    });
    return this.runWizard(plan, flags);
  }
}
