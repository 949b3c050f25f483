import { templateText } from '../one-documents/index.js';
import { labelLine, sectionHeader } from '../show-layout/index.js';
import { renderTable, type TableSpec } from '../table/index.js';
import type { GroupView } from './group-document.js';

/**
 * `onegroup show` as text: information, template, and the users with their admin mark.
 * (Upstream's usage, quota and VLAN tables are not printed: this release accounts no VMs.)
 */
export function renderGroupShow(group: GroupView, options: { color: boolean }): string {
  const { color } = options;
  let out = sectionHeader(`GROUP ${group.id} INFORMATION`, { color, underline: true });
  out += labelLine('ID', String(group.id), 15);
  out += labelLine('NAME', group.name, 15);
  out += '\n';
  out += sectionHeader('GROUP TEMPLATE', { color });
  out += templateText(group.template) || '\n';
  out += '\n';
  const members: TableSpec<number> = {
    columns: [
      { name: 'USER ID', description: '', size: 7, value: (id) => String(id) },
      {
        name: 'ADMIN',
        description: '',
        size: 5,
        left: true,
        value: (id) => (group.admins.includes(id) ? '*' : ''),
      },
    ],
  };
  return out + renderTable(group.users, members, { color });
}
