import { Args, Flags } from '@oclif/core';
import { sha256Hex } from '@onekit/core';
import { OneApiCommand } from '../../command/index.js';
import { groupNames } from '../../group/index.js';
import { oncePool, resolveIds } from '../../resource-ids/index.js';

/** The driver whose passwords are stored as given: the client sends the SHA-256 of it. */
const cipherDriver = 'server_cipher';

export default class UserCreate extends OneApiCommand<{ ID: number }> {
  static override summary = 'Create a user.';
  static override description =
    'Creates the user with the password and authentication driver given (core unless --driver says otherwise), in the users group or in the groups of --group (the first one is the primary group), and prints its id.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> alice s3cret',
    '<%= config.bin %> <%= command.id %> bob s3cret --group devs,users',
    '<%= config.bin %> <%= command.id %> ldapuser - --driver ldap',
  ];
  static override args = {
    username: Args.string({
      description: 'Name of the new user.',
      required: true,
      ignoreStdin: true,
    }),
    password: Args.string({ description: 'Its password.', ignoreStdin: true }),
  };
  static override flags = {
    driver: Flags.string({
      description: 'Authentication driver (core, ldap, server_cipher, ...).',
      helpValue: 'DRIVER',
      default: 'core',
    }),
    group: Flags.string({
      description: 'Groups of the user, by id or name; the first is its primary group.',
      helpValue: 'GROUP,GROUP',
    }),
  };

  async run(): Promise<{ ID: number }> {
    const { args, flags } = await this.parse(UserCreate);
    const api = this.oneApi(flags);
    const groups =
      flags.group === undefined
        ? []
        : await resolveIds(
            flags.group,
            'GROUP',
            oncePool(() => groupNames(api)),
          );
    const password = args.password ?? '';
    const sent = flags.driver === cipherDriver ? sha256Hex(password) : password;
    const client = await api.client();
    return {
      ID: await client.callId('one.user.allocate', args.username, sent, flags.driver, groups),
    };
  }

  protected override renderText(result: { ID: number }): string {
    return `ID: ${result.ID}\n`;
  }
}
