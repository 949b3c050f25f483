import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { groupNames } from '../../group/index.js';
import { applyToEach, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveIds } from '../../resource-ids/index.js';

export default class GroupDelete extends OneActionCommand {
  static override summary = 'Delete groups.';
  static override description =
    'A group that still has users cannot be deleted. Each group is tried in turn; a failure is printed and the others are still tried.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> devs',
    '<%= config.bin %> <%= command.id %> 100..102 -v',
  ];
  static override args = {
    groups: Args.string({
      description: 'Group ids and ranges (1,8..15), or a comma-separated list of ids and names.',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(GroupDelete);
    const api = this.oneApi(flags);
    const ids = await resolveIds(
      args.groups,
      'GROUP',
      oncePool(() => groupNames(api)),
    );
    const client = await api.client();
    return this.finishActions(
      await applyToEach({
        resource: 'GROUP',
        action: 'deleted',
        ids,
        apply: (id) => client.callId('one.group.delete', id),
      }),
      flags,
    );
  }
}
