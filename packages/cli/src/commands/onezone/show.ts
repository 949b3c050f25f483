import { Args } from '@oclif/core';
import type { XmlObject } from '@onekit/core';
import { OneApiCommand, documentFlags } from '../../command/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { renderZoneShow, showZone, zoneNames, type ZoneShow } from '../../zone/index.js';

export default class ZoneShowCommand extends OneApiCommand<XmlObject> {
  static override summary = 'Show a zone, its servers and their sync status.';
  static override description =
    'Prints the zone\'s information and template. When the zone has HA servers, each one is asked for its Raft status at its own endpoint (five seconds at most) and the servers are listed with their state, term, indexes and vote; a server that does not answer shows "error" and "-". The XML form (-x) carries the same status inside each SERVER element.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> 0',
    '<%= config.bin %> <%= command.id %> OpenNebula --json',
  ];
  static override args = {
    zoneid: Args.string({ description: 'Zone id or name.', required: true, ignoreStdin: true }),
  };
  static override flags = { ...documentFlags };

  private show: ZoneShow | undefined;

  async run(): Promise<XmlObject> {
    const { args, flags } = await this.parse(ZoneShowCommand);
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.zoneid,
      'ZONE',
      oncePool(() => zoneNames(api)),
    );
    this.show = await showZone(api, id);
    return this.show.document;
  }

  protected override renderText(): string {
    return renderZoneShow(this.show!, { color: this.io.colorEnabled() });
  }

  protected override renderXml(): string {
    return this.show!.xml + '\n';
  }
}
