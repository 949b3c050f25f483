import type { PlanOutcome } from '../../plan/index.js';
import { hostFlags, planFlags } from '../../ha-wizard/wizard-flags.js';
import { UpgradeCommand } from '../../upgrade-wizard/upgrade-command.js';
import {
  federationFlags,
  upgradeChecksDescription,
  upgradeSkipCheckFlag,
} from '../../upgrade-wizard/upgrade-flags.js';

export default class ZoneUpgradeApply extends UpgradeCommand {
  static override summary =
    'Upgrade every zone of the federation to this release, step by step, resumable (a wizard).';
  static override description = [
    "Runs the plan onezone upgrade-plan shows. When the federated (shared) schema keeps its version, zones are upgraded one at a time, master first: the zone's daemons stop (followers first), every server's database is backed up (onedb backup), onedb upgrade runs on the leader's database, which an HA zone then gives to its other servers (backup, copy, onedb restore; server-reset where the leader needs it), the daemons start (leader first) and the wizard waits until the zone is healthy, while the other zones keep running. When the federated schema changes (or with --coordinated), the upgrade guide's procedure: disable every zone (slaves first), stop every daemon (slave zones first), back up every database, upgrade the master zone, take its federated backup (onedb backup --federated) and restore it on each slave zone (onedb restore --federated), upgrade the slave zones, start everything (master first) and enable the zones (master first).",
    'Both end with a gate: every server at the target schema, every zone healthy, the same FED_INDEX everywhere. The federation is read once, before the first change, and kept in the run record (<var>/.onekit/runs/ of this machine): running the same command again resumes after the last finished step, even with every daemon stopped. On a failure the wizard stops, prints the command that continues and every backup taken (kept; each with the onedb restore that puts it back); a failed onedb upgrade leaves its database as it was (SQLite) or restores its own backup (MySQL). --restart sets an unfinished run aside.',
    'Hosts are reached as the HA wizards reach them (--transport agent, ssh or local; --host maps a server to its host). With the agent transport each agent must allow <var>/backups/ha (allowed_roots) and manage the daemon as the service opennebula; backups go to <var>/backups/ha/ on each host.',
    upgradeChecksDescription(),
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %> --dry-run',
    '<%= config.bin %> <%= command.id %> --host 10.0.0.2=10.0.0.2:2635 --yes',
  ];
  static override flags = {
    ...federationFlags,
    ...hostFlags,
    ...planFlags,
    ...upgradeSkipCheckFlag,
  };

  async run(): Promise<PlanOutcome> {
    const { flags } = await this.parse(ZoneUpgradeApply);
    const setup = await this.setup(flags, { resume: true });
    if (!setup.resumes && !flags['dry-run']) {
      const { needsUpgrade } = await import('../../upgrade-wizard/index.js');
      const survey = await setup.survey();
      if (!survey.servers.some((s) => needsUpgrade(s.versions?.schema, setup.target))) {
        const { OneKitError } = await import('@onekit/core');
        throw new OneKitError(
          'PLAN_REFUSED',
          'every server is at the target schema already: nothing to upgrade',
          { field: 'target' },
        );
      }
    }
    return this.runWizard(setup.plan, flags);
  }
}
