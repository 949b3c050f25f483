import { Args } from '@oclif/core';
import { OneActionCommand } from '../../command/index.js';
import { flagOrPrompt } from '../../prompt/index.js';
import { doneReport, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { userNames } from '../../user/index.js';

export default class UserPasswd extends OneActionCommand {
  static override summary = "Change a user's password.";
  static override description =
    'Without the password argument, asks for it on a terminal (and requires it otherwise).';
  static override examples = [
    '<%= config.bin %> <%= command.id %> alice n3wpass',
    '<%= config.bin %> <%= command.id %> alice',
  ];
  static override args = {
    userid: Args.string({ description: 'User id or name.', required: true, ignoreStdin: true }),
    password: Args.string({ description: 'The new password.', ignoreStdin: true }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(UserPasswd);
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.userid,
      'USER',
      oncePool(() => userNames(api)),
    );
    const password = await flagOrPrompt({
      value: args.password,
      flag: 'password',
      io: this.io,
      ask: () => this.prompter.password(`New password for ${args.userid}`),
    });
    await (await api.client()).callId('one.user.passwd', id, password);
    return this.finishActions(doneReport('USER', 'Password changed', id), flags);
  }
}
