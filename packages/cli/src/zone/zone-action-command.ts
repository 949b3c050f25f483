import { Args } from '@oclif/core';
import { OneActionCommand, type ApiFlagValues } from '../command/index.js';
import type { XmlRpcClient } from '../rpc/index.js';
import { applyToEach, type ActionReport } from '../resource-actions/index.js';
import { oncePool, resolveIds } from '../resource-ids/index.js';
import { zoneNames } from './zone-list.js';

/** Examples and argument of every zone action command. */
export const zoneActionExamples = [
  '<%= config.bin %> <%= command.id %> 100',
  '<%= config.bin %> <%= command.id %> 100,102..104 -v',
  '<%= config.bin %> <%= command.id %> east,west',
];
export const zoneActionArgs = {
  zones: Args.string({
    description: 'Zone ids and ranges (1,8..15), or a comma-separated list of ids and names.',
    required: true,
    ignoreStdin: true,
  }),
};

/**
 * The base of `onezone` commands that make one call per zone (enable, disable, delete):
 * the zones argument, ids resolved from names, every zone tried in turn. A command names
 * its action (as the report words it) and the call, and restates the statics below: oclif's
 * manifest only climbs past a base class that declares no statics of its own.
 */
export abstract class ZoneActionCommand extends OneActionCommand {
  protected abstract readonly action: string;
  protected abstract apply(client: XmlRpcClient, id: number): Promise<unknown>;

  async run(): Promise<ActionReport> {
    // The subclass's own statics (this.ctor) are what is parsed.
    const { args, flags } = await this.parse<
      { json?: boolean; verbose?: boolean },
      ApiFlagValues,
      { zones: string }
    >();
    const api = this.oneApi(flags);
    const ids = await resolveIds(
      args.zones,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    const client = await api.client();
    const report = await applyToEach({
      resource: 'ZONE',
      action: this.action,
      ids,
      apply: (id) => this.apply(client, id),
    });
    return this.finishActions(report, flags);
  }
}
