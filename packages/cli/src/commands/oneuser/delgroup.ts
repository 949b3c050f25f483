import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { groupNames } from '../../group/index.js';
import { applyWithOne, type ActionReport } from '../../resource-actions/index.js';
import { userNames } from '../../user/index.js';

export default class UserDelgroup extends OneActionCommand {
  static override summary = 'Remove users from a secondary group.';
  static override description =
    'The primary group cannot be removed (use chgrp). A user who administered the group stops being one of its administrators. Each user is tried in turn; a failure is printed and the others are still tried.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> alice devs',
    '<%= config.bin %> <%= command.id %> 3..5 100 -v',
  ];
  static override args = {
    users: Args.string({
      description: 'User ids and ranges (1,8..15), or a comma-separated list of ids and names.',
      required: true,
      ignoreStdin: true,
    }),
    group: Args.string({
      description: 'The secondary group, by id or name.',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(UserDelgroup);
    const api = this.oneApi(flags);
    const report = await applyWithOne(api, {
      each: { text: args.users, resource: 'USER', names: () => userNames(api) },
      one: { text: args.group, resource: 'GROUP', names: () => groupNames(api) },
      method: 'one.user.delgroup',
      action: 'group deleted',
    });
    return this.finishActions(report, flags);
  }
}
