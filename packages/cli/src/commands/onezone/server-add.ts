import { Flags } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { doneReport, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { serverAddTemplate, zoneIdArg, zoneNames } from '../../zone/index.js';

export default class ZoneServerAdd extends OneActionCommand {
  static override summary = 'Add a server to a zone.';
  static override description =
    "Registers a front-end server in the zone (one.zone.addserver). The call must reach the zone's own endpoint: servers cannot be added through another zone.\n\nIn a zone that already runs HA, the new server joins as a learner: the leader sends it the log, but it has no vote and does not count towards the quorum, so adding a server that is not started yet never stops the zone from committing. The leader promotes it to a voter once it has caught up. Start the new server with a copy of the leader's database and its own SERVER_ID; onezone show lists it as a learner until then, and onezone health shows its progress.";
  static override examples = [
    '<%= config.bin %> <%= command.id %> 0 --name fe-2 --rpc http://10.0.0.2:2633/RPC2',
    '<%= config.bin %> <%= command.id %> 0 -n fe-3 -r http://10.0.0.3:2633/RPC2 -v',
  ];
  static override args = {
    zoneid: zoneIdArg,
  };
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Name of the new server.', helpValue: 'NAME' }),
    rpc: Flags.string({
      char: 'r',
      description: 'XML-RPC endpoint of the new server (http or https).',
      helpValue: 'URL',
    }),
    'grpc-endpoint': Flags.string({
      char: 'g',
      description:
        "gRPC endpoint of the new server, for OpenNebula 7.2 and later (OneKit's daemon serves XML-RPC only).",
      helpValue: 'HOST:PORT',
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(ZoneServerAdd);
    const template = serverAddTemplate({
      name: flags.name,
      rpc: flags.rpc,
      grpc: flags['grpc-endpoint'],
    });
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.zoneid,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    await (await api.client()).callId('one.zone.addserver', id, template);
    return this.finishActions(doneReport('ZONE', 'server added', id), flags);
  }
}
