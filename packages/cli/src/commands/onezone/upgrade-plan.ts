import { Flags } from '@oclif/core';
import { hostFlags, rerunCommand } from '../../ha-wizard/wizard-flags.js';
import { UpgradeCommand } from '../../upgrade-wizard/upgrade-command.js';
import { federationFlags } from '../../upgrade-wizard/upgrade-flags.js';
import { renderUpgradePlan, type UpgradePlanReport } from '../../upgrade-wizard/plan-report.js';

const outputArgs = new Set(['--json', '-j', '--xml', '-x', '--yaml', '-y']);

export default class ZoneUpgradePlan extends UpgradeCommand<UpgradePlanReport> {
  static override summary =
    'Show what upgrading the federation to this release does: versions, procedure, steps.';
  static override description = [
    "Reads the master's zone pool and, for every server of every zone (its SERVER_POOL, or the zone's endpoint for a zone without HA servers), its OneKit release and database schema versions through its host (as --transport reaches it) and its FED_INDEX; shows them beside the target, which is this release's.",
    'States whether the federated (shared) schema changes. When it does not, onezone upgrade-apply upgrades the zones one at a time, master first, while the other zones keep running. When it does, apply runs the coordinated procedure: every zone disabled and stopped, the master zone upgraded, its federated tables backed up and restored on each slave zone, the slaves upgraded, everything started again (master first) and the zones enabled.',
    'Then lists the steps apply runs, in order, with the host each runs on, and prints the apply command. Changes nothing.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --host 10.0.0.2=10.0.0.2:2635 --json',
  ];
  static override flags = {
    ...federationFlags,
    ...hostFlags,
    'wait-timeout': Flags.integer({
      description: 'Seconds apply would wait for each zone (shown in the apply command).',
      default: 300,
      min: 1,
      helpValue: 'SECONDS',
    }),
  };

  async run(): Promise<UpgradePlanReport> {
    const { flags } = await this.parse(ZoneUpgradePlan);
    const { upgradePlanReport } = await import('../../upgrade-wizard/index.js');
    const setup = await this.setup({ ...flags, restart: false }, { resume: false });
    return upgradePlanReport({
      survey: await setup.survey(),
      target: setup.target,
      procedure: setup.procedure,
      plan: setup.plan,
      apply: setup.plan.rerun,
    });
  }

  /** The apply command for the same federation and hosts (without this command's output flags). */
  protected override rerun(): string {
    return rerunCommand(
      `${this.config.bin} upgrade-apply`,
      this.argv.filter((arg) => !outputArgs.has(arg)),
    );
  }

  protected override renderText(report: UpgradePlanReport): string {
    return renderUpgradePlan(report);
  }
}
