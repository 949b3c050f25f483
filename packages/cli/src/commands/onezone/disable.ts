import type { XmlRpcClient } from '../../rpc/index.js';
import { ZoneActionCommand, zoneActionArgs, zoneActionExamples } from '../../zone/index.js';

export default class ZoneDisable extends ZoneActionCommand {
  static override summary = 'Disable zones.';
  static override description =
    'A disabled zone serves only read-only calls (info, pool info, enable). Each zone is tried in turn; a failure is printed and the others are still tried.';
  static override examples = zoneActionExamples;
  static override args = zoneActionArgs;

  protected readonly action = 'disable zone';

  protected apply(client: XmlRpcClient, id: number): Promise<number> {
    return client.callId('one.zone.enable', id, false);
  }
}
