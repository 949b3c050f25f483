import type { TableSpec } from '../table/index.js';
import type { AclView } from './acl-document.js';

// `oneacl list`: the rule's STRING cut into columns, with the resource types and the rights
// drawn as masks of letters (one position per type, `-` where the rule does not apply).

const resourceLetters: ReadonlyArray<[string, string]> = [
  ['VM', 'V'],
  ['HOST', 'H'],
  ['NET', 'N'],
  ['IMAGE', 'I'],
  ['USER', 'U'],
  ['TEMPLATE', 'T'],
  ['GROUP', 'G'],
  ['DATASTORE', 'D'],
  ['CLUSTER', 'C'],
  ['DOCUMENT', 'O'],
  ['ZONE', 'Z'],
  ['SECGROUP', 'S'],
  ['VDC', 'v'],
  ['VROUTER', 'R'],
  ['MARKETPLACE', 'M'],
  ['MARKETPLACEAPP', 'A'],
  ['VMGROUP', 'P'],
  ['VNTEMPLATE', 't'],
  ['BACKUPJOB', 'B'],
];

const rightLetters: ReadonlyArray<[string, string]> = [
  ['USE', 'u'],
  ['MANAGE', 'm'],
  ['ADMIN', 'a'],
  ['CREATE', 'c'],
];

function mask(names: string, letters: ReadonlyArray<[string, string]>): string {
  const present = new Set(names.split('+'));
  return letters.map(([name, letter]) => (present.has(name) ? letter : '-')).join('');
}

const part = (rule: AclView, index: number) => rule.string.split(' ')[index] ?? '';

export const resourceMaskHeader = `RES_${resourceLetters.map(([, l]) => l).join('')}`;

// Widths as a default installation prints them (oneacl.yaml over the command's columns).
export const aclTable: TableSpec<AclView> = {
  columns: [
    {
      name: 'ID',
      description: 'To which resource owner the rule applies to',
      size: 4,
      adjust: true,
      value: (r) => String(r.id),
    },
    {
      name: 'USER',
      description: 'To which resource owner the rule applies to',
      size: 8,
      value: (r) => part(r, 0),
    },
    {
      name: resourceMaskHeader.toUpperCase(),
      header: resourceMaskHeader,
      description: 'Which resource the rule applies to',
      size: 23,
      value: (r) => mask(part(r, 1).split('/')[0] ?? '', resourceLetters),
    },
    {
      name: 'RID',
      description: 'Resource ID',
      size: 5,
      value: (r) => part(r, 1).split('/')[1] ?? '',
    },
    { name: 'ZONE', description: 'Zone ID', size: 5, value: (r) => part(r, 3) },
    {
      name: 'OPE_UMAC',
      description: 'Operation to which the rule applies',
      size: 8,
      value: (r) => mask(part(r, 2), rightLetters),
    },
    {
      name: 'STRING',
      description: 'ACL rule in string format',
      left: true,
      adjust: true,
      value: (r) => r.string,
    },
  ],
  defaultColumns: ['ID', 'USER', resourceMaskHeader.toUpperCase(), 'RID', 'OPE_UMAC', 'ZONE'],
};
