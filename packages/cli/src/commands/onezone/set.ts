import { Flags } from '@oclif/core';
import { OneApiCommand } from '../../command/index.js';
import { documentObject, readObjectDocument } from '../../one-documents/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import {
  renderZoneSet,
  setZone,
  zoneIdArg,
  zoneNames,
  type ZoneSetResult,
  zoneShape,
  zoneView,
} from '../../zone/index.js';

export default class ZoneSet extends OneApiCommand<ZoneSetResult> {
  static override summary = 'Make a zone the default endpoint of your commands.';
  static override description =
    "Writes the zone's ENDPOINT to ~/.one/one_endpoint (and its ONEFLOW_ENDPOINT, when it has one, to ~/.one/oneflow_endpoint), which every command reads when neither --endpoint nor ONE_XMLRPC is given. With --keep nothing is written: the command prints the export line for the current shell instead.";
  static override examples = [
    '<%= config.bin %> <%= command.id %> east',
    'eval "$(<%= config.bin %> <%= command.id %> 100 --keep | sed \'s/^Type: //\')"',
  ];
  static override args = {
    zoneid: zoneIdArg,
  };
  static override flags = {
    keep: Flags.boolean({
      char: 'k',
      description: 'Write nothing; print the export line for this shell only.',
    }),
  };

  async run(): Promise<ZoneSetResult> {
    const { args, flags } = await this.parse(ZoneSet);
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.zoneid,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    const xml = await (await api.client()).callText('one.zone.info', id);
    const zone = zoneView(documentObject(readObjectDocument(xml, zoneShape), zoneShape));
    return setZone({ zone, keep: flags.keep, home: this.home });
  }

  protected override renderText(result: ZoneSetResult): string {
    return renderZoneSet(result);
  }
}
