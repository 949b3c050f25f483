import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { doneReport, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { zoneIdArg, zoneNames } from '../../zone/index.js';

export default class ZoneRename extends OneActionCommand {
  static override summary = 'Rename a zone.';
  static override examples = ['<%= config.bin %> <%= command.id %> 100 east -v'];
  static override args = {
    zoneid: zoneIdArg,
    name: Args.string({ description: 'The new name.', required: true, ignoreStdin: true }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(ZoneRename);
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.zoneid,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    await (await api.client()).callId('one.zone.rename', id, args.name);
    return this.finishActions(doneReport('ZONE', 'renamed', id), flags);
  }
}
