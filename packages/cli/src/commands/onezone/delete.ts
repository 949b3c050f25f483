import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { applyToEach, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveIds } from '../../resource-ids/index.js';
import { zoneNames } from '../../zone/index.js';

export default class ZoneDelete extends OneActionCommand {
  static override summary = 'Delete zones.';
  static override description =
    'Zones with ids below 100 (the system zones) cannot be deleted. Each zone is tried in turn; a failure is printed and the others are still tried.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> 100',
    '<%= config.bin %> <%= command.id %> 100,102..104 -v',
    '<%= config.bin %> <%= command.id %> east,west',
  ];
  static override args = {
    zones: Args.string({
      description: 'Zone ids and ranges (1,8..15), or a comma-separated list of ids and names.',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(ZoneDelete);
    const api = this.oneApi(flags);
    const ids = await resolveIds(
      args.zones,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    const client = await api.client();
    const report = await applyToEach({
      resource: 'ZONE',
      action: 'deleted',
      ids,
      apply: (id) => client.callId('one.zone.delete', id),
    });
    return this.finishActions(report, flags);
  }
}
