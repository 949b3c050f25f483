import { Args, Flags } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { doneReport, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { readZoneInfo, resolveServerId, zoneIdArg, zoneNames } from '../../zone/index.js';

export default class ZoneServerDel extends OneActionCommand {
  static override summary = 'Remove a server from a zone.';
  static override description =
    "Removes a server from the zone (one.zone.delserver), through the zone's own endpoint. The server is given by id or by its name in the zone's server pool. Removing the leader is allowed: the others elect a new one.\n\nA OneKit daemon refuses a removal that would leave fewer running voters than a quorum of the servers that remain; --force removes the server anyway (OpenNebula's oned has no such check and takes no --force).";
  static override examples = [
    '<%= config.bin %> <%= command.id %> 0 2',
    '<%= config.bin %> <%= command.id %> 0 fe-3 -v',
    '<%= config.bin %> <%= command.id %> 0 2 --force',
  ];
  static override args = {
    zoneid: zoneIdArg,
    serverid: Args.string({
      description: "Server id, or its name in the zone's server pool.",
      required: true,
      ignoreStdin: true,
    }),
  };
  static override flags = {
    force: Flags.boolean({
      description: 'Remove the server even if the zone is left without a quorum.',
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(ZoneServerDel);
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.zoneid,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    const server = await resolveServerId(args.serverid, () => readZoneInfo(api, id));
    // The third parameter is OneKit's: oned's delserver takes two.
    const params = flags.force ? [id, server, true] : [id, server];
    await (await api.client()).callId('one.zone.delserver', ...params);
    return this.finishActions(doneReport('ZONE', 'server deleted', id), flags);
  }
}
