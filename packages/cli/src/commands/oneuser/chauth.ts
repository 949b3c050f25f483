import { Args, Flags } from '@oclif/core';
import { OneKitError } from '@onekit/core';
import { OneActionCommand } from '../../command/index.js';
import { doneReport, type ActionReport } from '../../resource-actions/index.js';
import { oncePool, resolveId } from '../../resource-ids/index.js';
import { userNames } from '../../user/index.js';

export default class UserChauth extends OneActionCommand {
  static override summary = "Change a user's authentication driver (and password).";
  static override description =
    'The driver comes from --driver or the argument after the user (then the password follows it). A password, when given, replaces the current one.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> alice ldap',
    '<%= config.bin %> <%= command.id %> alice --driver core n3wpass',
  ];
  static override args = {
    userid: Args.string({ description: 'User id or name.', required: true, ignoreStdin: true }),
    driver: Args.string({ description: 'The authentication driver.', ignoreStdin: true }),
    password: Args.string({ description: 'The new password.', ignoreStdin: true }),
  };
  static override flags = {
    driver: Flags.string({ description: 'The authentication driver.', helpValue: 'DRIVER' }),
  };

  async run(): Promise<ActionReport> {
    const { args, flags } = await this.parse(UserChauth);
    const driver = flags.driver ?? args.driver;
    if (driver === undefined) {
      throw new OneKitError('FLAG_REQUIRED', 'An Auth driver should be specified', {
        field: 'driver',
      });
    }
    const api = this.oneApi(flags);
    const id = await resolveId(
      args.userid,
      'USER',
      oncePool(() => userNames(api)),
    );
    // With --driver, the argument after the user is the password.
    const password = (flags.driver === undefined ? args.password : args.driver) ?? '';
    await (await api.client()).callId('one.user.chauth', id, driver, password);
    return this.finishActions(doneReport('USER', 'Auth driver and password changed', id), flags);
  }
}
