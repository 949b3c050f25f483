import { OneListCommand } from '../../command/index.js';
import {
  groupRows,
  groupTable,
  readGroupPool,
  type GroupPool,
  type GroupRow,
} from '../../group/index.js';
import type { OneApi } from '../../rpc/index.js';

export default class GroupList extends OneListCommand<GroupPool, GroupRow> {
  static override summary = 'List the groups.';
  static override description =
    'Shows every group with its number of users and VM quota usage (used / limit, "-" for no limit).';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -l ID,NAME,USERS --csv',
  ];

  protected readonly table = groupTable;

  protected readPool(api: OneApi): Promise<GroupPool> {
    return readGroupPool(api);
  }

  protected tableRows(pool: GroupPool): GroupRow[] {
    return groupRows(pool);
  }
}
