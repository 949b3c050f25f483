import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { applyToEach, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveIds } from '../../resource-ids/index.js';
import { userNames } from '../../user/index.js';

export default class UserDelete extends OneActionCommand {
  static override summary = 'Delete users.';
  static override description =
    'Each user is tried in turn; a failure is printed and the others are still tried.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> alice',
    '<%= config.bin %> <%= command.id %> 3,5..7 -v',
  ];
  static override args = {
    users: Args.string({
      description: 'User ids and ranges (1,8..15), or a comma-separated list of ids and names.',
      required: true,
      ignoreStdin: true,
    }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(UserDelete);
    const api = this.oneApi(flags);
    const ids = await resolveIds(
      args.users,
      'USER',
      oncePool(() => userNames(api)),
    );
    const client = await api.client();
    return this.finishActions(
      await applyToEach({
        resource: 'USER',
        action: 'deleted',
        ids,
        apply: (id) => client.callId('one.user.delete', id),
      }),
      flags,
    );
  }
}
