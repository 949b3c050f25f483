import { labelLine, sectionHeader } from '../show-layout/index.js';
import { templateText } from '../one-documents/index.js';
import { renderTable, type TableSpec } from '../table/index.js';
import type { UserView } from './user-document.js';

type Token = UserView['tokens'][number];

/** What the TOKENS table needs beside the tokens: names of groups, and now. */
export interface UserShowContext {
  color: boolean;
  /** Group names by id, for the EGROUP column. */
  groupNames: ReadonlyMap<number, string>;
  /** Seconds since the epoch, to tell expired tokens. */
  now: number;
}

function tokenTable(user: UserView, c: UserShowContext): TableSpec<Token> {
  const effective = (t: Token) => (Number(t.egid) === -1 ? user.gid : Number(t.egid));
  return {
    columns: [
      { name: 'ID', description: '', size: 7, value: (t) => t.token },
      {
        name: 'EGID',
        description: '',
        size: 5,
        left: true,
        value: (t) => (Number(t.egid) === -1 ? `*${user.gid}` : t.egid),
      },
      {
        name: 'EGROUP',
        description: '',
        size: 10,
        left: true,
        value: (t) => c.groupNames.get(effective(t)) ?? '-',
      },
      {
        name: 'EXPIRATION',
        description: '',
        size: 20,
        left: true,
        value: (t) => expiration(t.expiration, c.now),
      },
    ],
  };
}

function expiration(text: string, now: number): string {
  if (text === '') return '';
  if (text === '-1') return 'forever';
  const at = Number(text);
  if (now >= at) return 'expired';
  return new Date(at * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' +0000');
}

/**
 * `oneuser show` as text: information, login tokens and the template. (The usage and
 * quota tables of upstream are not printed: this release has no VMs to account.)
 */
export function renderUserShow(user: UserView, c: UserShowContext): string {
  const { color } = c;
  let out = sectionHeader(`USER ${user.id} INFORMATION`, { color, underline: true });
  out += labelLine('ID', String(user.id), 16);
  out += labelLine('NAME', user.name, 16);
  out += labelLine('GROUP', user.gname, 16);
  if (user.groups.length > 1) out += labelLine('SECONDARY GROUPS', user.groups.join(','), 16);
  out += labelLine('PASSWORD', user.password, 16);
  out += labelLine('AUTH_DRIVER', user.authDriver, 16);
  out += labelLine('ENABLED', user.enabled ? 'Yes' : 'No', 16);
  out += '\n';
  out += sectionHeader('TOKENS', { color });
  if (user.tokens.length > 0) out += renderTable(user.tokens, tokenTable(user, c), { color });
  out += '\n';
  out += sectionHeader('USER TEMPLATE', { color });
  return out + (templateText(user.template) || '\n');
}
