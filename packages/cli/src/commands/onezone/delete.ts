import type { XmlRpcClient } from '../../rpc/index.js';
import { ZoneActionCommand, zoneActionArgs, zoneActionExamples } from '../../zone/index.js';

export default class ZoneDelete extends ZoneActionCommand {
  static override summary = 'Delete zones.';
  static override description =
    'Zones with ids below 100 (the system zones) cannot be deleted. Each zone is tried in turn; a failure is printed and the others are still tried.';
  static override examples = zoneActionExamples;
  static override args = zoneActionArgs;

  protected readonly action = 'deleted';

  protected apply(client: XmlRpcClient, id: number): Promise<number> {
    return client.callId('one.zone.delete', id);
  }
}
