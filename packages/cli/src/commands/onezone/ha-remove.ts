import { Flags } from '@oclif/core';
import type { PlanOutcome } from '../../plan/index.js';
import { HaWizardCommand } from '../../ha-wizard/wizard-command.js';
import { checksDescription, hostFlags, planFlags } from '../../ha-wizard/wizard-flags.js';

export default class ZoneHaRemove extends HaWizardCommand {
  static override summary = 'Remove one server from a healthy HA zone (a wizard).';
  static override description = [
    'Removes one server from the zone (server-del, while it still runs, so that a zone of two keeps its quorum), stops its daemon on its host (--host), sets its FEDERATION/SERVER_ID back to -1 (the old oned.conf is backed up), and waits until the remaining servers have one leader and the rest follow. Only a healthy zone is changed, one server at a time, and a removal that would leave fewer running voters than a quorum is refused (in preflight and again right before server-del, as the daemon refuses it).',
    'The plan engine is the one of onezone ha-add: --dry-run, --yes, a run record in <var>/.onekit/runs/ that makes a rerun resume, --restart, and on a failure undo of what can be undone (the daemon started again, SERVER_ID put back) and the command to continue.',
    checksDescription(['reachability', 'quorum-healthy', 'clocks-close']),
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --zone 0 --server fe-3 --host 10.0.0.3 --dry-run',
    '<%= config.bin %> <%= command.id %> --zone 0 --server 2 --host 10.0.0.3 --yes',
  ];
  static override flags = {
    zone: Flags.string({ description: 'Zone id or name.', helpValue: 'ZONE' }),
    server: Flags.string({
      description: "The server to remove: its id, or its name in the zone's server pool.",
      helpValue: 'SERVER',
    }),
    host: Flags.string({
      description: "The removed server's host (with --transport local: its ONE_LOCATION root).",
      helpValue: 'HOST',
    }),
    ...hostFlags,
    ...planFlags,
  };

  async run(): Promise<PlanOutcome> {
    const { flags } = await this.parse(ZoneHaRemove);
    const { haRemovePlan } = await import('../../ha-wizard/index.js');
    const { resolveServerId } = await import('../../zone/index.js');
    const zone = await this.zone(flags);
    const server = await this.ask('server', flags.server, 'Server to remove (id or name)');
    const serverId = await resolveServerId(server, () => zone.info());
    const hostSpec = await this.ask('host', flags.host, "The removed server's host");
    const target = await this.host(hostSpec, flags);
    const plan = haRemovePlan({
      deps: { zone, waiting: this.waiting(flags), clock: this.clock },
      serverId,
      target,
      rerun: this.rerun(),
    });
    return this.runWizard(plan, flags);
  }
}
