import { OneListCommand } from '../../command/index.js';
import {
  readUserPool,
  userRows,
  userTable,
  type UserPool,
  type UserRow,
} from '../../user/index.js';
import type { OneApi } from '../../rpc/index.js';

export default class UserList extends OneListCommand<UserPool, UserRow> {
  static override summary = 'List the users.';
  static override description =
    'Shows every user with its group, authentication driver and VM quota usage (used / limit, "-" for no limit).';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,NAME,PASSWORD --csv',
    '<%= config.bin %> <%= command.id %> -f GROUP=users --json',
  ];

  protected readonly table = userTable;

  protected readPool(api: OneApi): Promise<UserPool> {
    return readUserPool(api);
  }

  protected tableRows(pool: UserPool): UserRow[] {
    return userRows(pool);
  }
}
