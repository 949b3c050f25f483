import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { groupNames } from '../../group/index.js';
import { applyToEach, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId, resolveIds } from '../../resource-ids/index.js';
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
    const ids = await resolveIds(
      args.users,
      'USER',
      oncePool(() => userNames(api)),
    );
    const gid = await resolveId(
      args.group,
      'GROUP',
      oncePool(() => groupNames(api)),
    );
    const client = await api.client();
    return this.finishActions(
      await applyToEach({
        resource: 'USER',
        action: 'group deleted',
        ids,
        apply: (id) => client.callId('one.user.delgroup', id, gid),
      }),
      flags,
    );
  }
}
