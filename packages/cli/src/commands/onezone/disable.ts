import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { applyToEach, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveIds } from '../../resource-ids/index.js';
import { zoneNames } from '../../zone/index.js';

export default class ZoneDisable extends OneActionCommand {
  static override summary = 'Disable zones.';
  static override description =
    'A disabled zone serves only read-only calls (info, pool info, enable). Each zone is tried in turn; a failure is printed and the others are still tried.';
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
    const { args, flags } = await this.parse(ZoneDisable);
    const api = this.oneApi(flags);
    const ids = await resolveIds(
      args.zones,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    const client = await api.client();
    const report = await applyToEach({
      resource: 'ZONE',
      action: 'disable zone',
      ids,
      apply: (id) => client.callId('one.zone.enable', id, false),
    });
    return this.finishActions(report, flags);
  }
}
