import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { doneReport, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { readZoneInfo, resolveServerId, zoneIdArg, zoneNames } from '../../zone/index.js';

export default class ZoneServerReset extends OneActionCommand {
  static override summary = "Replicate the leader's log to a server again from the start.";
  static override description =
    "Tells the leader (one.zone.resetserver, through the zone's own endpoint) to send the server its log again from the leader's last index. Use it after replacing the server's database with a fresh copy of the leader's: when the server fell so far behind that the entries it lacks have been purged from the leader's log, which onezone show reports. The server is given by id or by its name in the zone's server pool.";
  static override examples = [
    '<%= config.bin %> <%= command.id %> 0 2',
    '<%= config.bin %> <%= command.id %> 0 fe-3 -v',
  ];
  static override args = {
    zoneid: zoneIdArg,
    serverid: Args.string({
      description: "Server id, or its name in the zone's server pool.",
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(ZoneServerReset);
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.zoneid,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    const server = await resolveServerId(args.serverid, () => readZoneInfo(api, id));
    await (await api.client()).callId('one.zone.resetserver', id, server);
    return this.finishActions(doneReport('ZONE', 'server reset', id), flags);
  }
}
