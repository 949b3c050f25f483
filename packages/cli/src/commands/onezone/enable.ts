import type { XmlRpcClient } from '../../rpc/index.js';
import { ZoneActionCommand, zoneActionArgs, zoneActionExamples } from '../../zone/index.js';

export default class ZoneEnable extends ZoneActionCommand {
  static override summary = 'Enable zones.';
  static override description =
    'An enabled zone serves every call again. Each zone is tried in turn; a failure is printed and the others are still tried.';
  static override examples = zoneActionExamples;
  static override args = zoneActionArgs;

  protected readonly action = 'enable zone';

  protected apply(client: XmlRpcClient, id: number): Promise<number> {
    return client.callId('one.zone.enable', id, true);
  }
}
