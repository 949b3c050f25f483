import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { groupNames } from '../../group/index.js';
import { applyWithOne, type ActionReport } from '../../resource-actions/index.js';
import { userNames } from '../../user/index.js';

export default class GroupDeladmin extends OneActionCommand {
  static override summary = "Remove a user from the groups' administrators.";
  static override description =
    'The user stays a member; the ACL rules of a group administrator are removed. Each group is tried in turn; a failure is printed and the others are still tried.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> devs alice',
    '<%= config.bin %> <%= command.id %> 100..102 3 -v',
  ];
  static override args = {
    groups: Args.string({
      description:
        'Group ids and ranges (100,108..115), or a comma-separated list of ids and names.',
      required: true,
      ignoreStdin: true,
    }),
    user: Args.string({
      description: 'The user, by id or name.',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(GroupDeladmin);
    const api = this.oneApi(flags);
    const report = await applyWithOne(api, {
      each: { text: args.groups, resource: 'GROUP', names: () => groupNames(api) },
      one: { text: args.user, resource: 'USER', names: () => userNames(api) },
      method: 'one.group.deladmin',
      action: 'admin deleted',
    });
    return this.finishActions(report, flags);
  }
}
