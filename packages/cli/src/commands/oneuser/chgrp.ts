import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { groupNames } from '../../group/index.js';
import { applyWithOne, type ActionReport } from '../../resource-actions/index.js';
import { userNames } from '../../user/index.js';

export default class UserChgrp extends OneActionCommand {
  static override summary = "Change users' primary group.";
  static override examples = [
    '<%= config.bin %> <%= command.id %> alice devs',
    '<%= config.bin %> <%= command.id %> 3..5 1 -v',
  ];
  static override args = {
    users: Args.string({
      description: 'User ids and ranges (1,8..15), or a comma-separated list of ids and names.',
      required: true,
      ignoreStdin: true,
    }),
    group: Args.string({
      description: 'The new group, by id or name.',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(UserChgrp);
    const api = this.oneApi(flags);
    const report = await applyWithOne(api, {
      each: { text: args.users, resource: 'USER', names: () => userNames(api) },
      one: { text: args.group, resource: 'GROUP', names: () => groupNames(api) },
      method: 'one.user.chgrp',
      action: 'Group changed',
    });
    return this.finishActions(report, flags);
  }
}
