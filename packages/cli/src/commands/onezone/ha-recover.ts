import { Flags } from '@oclif/core';
import type { PlanOutcome } from '../../plan/index.js';
import { HaWizardCommand } from '../../ha-wizard/wizard-command.js';
import { checksDescription, hostFlags, planFlags } from '../../ha-wizard/wizard-flags.js';

export default class ZoneHaRecover extends HaWizardCommand {
  static override summary = "Bring back a follower that fell outside the leader's log (a wizard).";
  static override description = [
    "For a follower that onezone health reports outside the leader's log window: takes a fresh database backup on the leader's host (--from, default this host), copies it to the follower's host (--host), backs up the follower's own database, stops its daemon, restores the leader's backup, starts the daemon again, tells the leader to resend its log from its last index (server-reset) and waits until the follower has caught up.",
    'The plan engine is the one of onezone ha-add: --dry-run, --yes, a run record in <var>/.onekit/runs/ that makes a rerun resume, --restart, undo on a failure where possible, and the command to continue.',
    checksDescription([
      'reachability',
      'versions-equal',
      'quorum-healthy',
      'clocks-close',
      'free-disk',
    ]),
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --zone 0 --server fe-2 --host 10.0.0.2 --dry-run',
    '<%= config.bin %> <%= command.id %> --zone 0 --server 1 --host 10.0.0.2 --from 10.0.0.1 --yes',
  ];
  static override flags = {
    zone: Flags.string({ description: 'Zone id or name.', helpValue: 'ZONE' }),
    server: Flags.string({
      description: "The follower: its id, or its name in the zone's server pool.",
      helpValue: 'SERVER',
    }),
    host: Flags.string({
      description: "The follower's host (with --transport local: its ONE_LOCATION root).",
      helpValue: 'HOST',
    }),
    from: Flags.string({
      description: "The leader's host, where the fresh backup is taken (default: this host).",
      helpValue: 'HOST',
    }),
    ...hostFlags,
    ...planFlags,
  };

  async run(): Promise<PlanOutcome> {
    const { flags } = await this.parse(ZoneHaRecover);
    const { haRecoverPlan } = await import('../../ha-wizard/index.js');
    const { resolveServerId } = await import('../../zone/index.js');
    const zone = await this.zone(flags);
    const server = await this.ask('server', flags.server, 'Follower to recover (id or name)');
    const serverId = await resolveServerId(server, () => zone.info());
    const hostSpec = await this.ask('host', flags.host, "The follower's host");
    const from = await this.host(flags.from, flags);
    const target = await this.host(hostSpec, flags);
    const plan = haRecoverPlan({
      deps: { zone, waiting: this.waiting(flags), clock: this.clock },
      serverId,
      from,
      target,
      rerun: this.rerun(),
    });
    return this.runWizard(plan, flags);
  }
}
