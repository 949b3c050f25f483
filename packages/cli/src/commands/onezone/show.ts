import type { XmlObject } from '@onekit/core';
import { OneApiCommand, documentFlags, outputFormat } from '../../command/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import {
  followerLagWarningEntries,
  renderZoneShow,
  reseedAdvice,
  showZone,
  zoneIdArg,
  zoneNames,
  type ZoneShow,
} from '../../zone/index.js';

export default class ZoneShowCommand extends OneApiCommand<XmlObject> {
  static override summary = 'Show a zone, its servers and their sync status.';
  static override description = `Prints the zone's information and template. When the zone has HA servers, each one is asked for its Raft status at its own endpoint (five seconds at most) and the servers are listed with their state, term, indexes and vote; a server that does not answer shows "error" and "-". The XML form (-x) carries the same status inside each SERVER element.\n\nIn text output, a WARNING line follows the sync status table for each problem found: a server that did not answer, no leader, a follower more than ${followerLagWarningEntries} entries behind the leader's commit index, a follower outside the leader's retained log (copy the leader's database to it, then run server-reset), a learner still catching up; and for the federation, when the master reports this zone as needing a re-seed (${reseedAdvice}) or as unreachable, or when FED_INDEX differs between zones. The follower checks need a OneKit daemon (onekit.zone.progress); against OpenNebula's oned only the first two and the FED_INDEX comparison are shown. Warnings never enter the -x, -j or -y documents, which stay as upstream prints them: scripts use onezone health --json.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> 0',
    '<%= config.bin %> <%= command.id %> OpenNebula --json',
  ];
  static override args = {
    zoneid: zoneIdArg,
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
    // Warnings are for people: -x, -j and -y keep upstream's documents as they are.
    this.show = await showZone(api, id, { warnings: outputFormat(flags) === 'text' });
    return this.show.document;
  }

  protected override renderText(): string {
    return renderZoneShow(this.show!, { color: this.io.colorEnabled() });
  }

  protected override renderXml(): string {
    return this.show!.xml + '\n';
  }
}
