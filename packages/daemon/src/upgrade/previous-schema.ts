// The schema OneKit 0.1.0 created (federated and local tables at 7.6.0), frozen as data:
// the upgrade tests, the coordinated-upgrade wizard and the local lab build databases of
// that release with it. Never edit it to follow storage/schema/tables.ts; a later schema
// change gets a frozen copy of its own.
import type { IndexDef, TableDef, TableScope } from '../storage/index.js';

type FrozenTable = readonly [
  name: string,
  scope: TableScope,
  columns: string,
  options?: {
    primaryKey?: readonly string[];
    unique?: readonly (readonly string[])[];
    indexes?: readonly (readonly [string, readonly string[]])[];
  },
];

const frozen: readonly FrozenTable[] = [
  [
    'user_pool',
    'federated',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name']] },
  ],
  [
    'group_pool',
    'federated',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name']] },
  ],
  [
    'zone_pool',
    'federated',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name']] },
  ],
  [
    'vdc_pool',
    'federated',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name']] },
  ],
  [
    'marketplace_pool',
    'federated',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
  ],
  [
    'marketplaceapp_pool',
    'federated',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name', 'uid']] },
  ],
  [
    'acl',
    'federated',
    'oid INT, userset BIGINT, resource BIGINT, rights BIGINT, zone BIGINT',
    { unique: [['userset', 'resource', 'rights', 'zone']] },
  ],
  [
    'db_versioning',
    'federated',
    'oid INTEGER, version VARCHAR(256), timestamp INTEGER, comment VARCHAR(256)',
  ],
  [
    'vm_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, state INTEGER, lcm_state INTEGER, resched INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER, short_body MEDIUMTEXT, body_json JSON',
    { indexes: [['state_oid_idx', ['state', 'oid']]] },
  ],
  [
    'vm_monitoring',
    'local',
    'vmid INTEGER, last_poll INTEGER, body MEDIUMTEXT',
    { primaryKey: ['vmid', 'last_poll'] },
  ],
  [
    'vm_showback',
    'local',
    'vmid INTEGER, year INTEGER, month INTEGER, body MEDIUMTEXT',
    { primaryKey: ['vmid', 'year', 'month'] },
  ],
  [
    'history',
    'local',
    'vid INTEGER, seq INTEGER, body MEDIUMTEXT, stime INTEGER, etime INTEGER',
    { primaryKey: ['vid', 'seq'] },
  ],
  [
    'host_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, state INTEGER, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER, cid INTEGER',
  ],
  [
    'host_monitoring',
    'local',
    'hid INTEGER, last_mon_time INTEGER, body MEDIUMTEXT',
    { primaryKey: ['hid', 'last_mon_time'] },
  ],
  [
    'vmgroup_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name', 'uid']] },
  ],
  [
    'template_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
  ],
  [
    'cluster_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name']] },
  ],
  [
    'cluster_datastore_relation',
    'local',
    'cid INTEGER, oid INTEGER',
    { primaryKey: ['cid', 'oid'] },
  ],
  ['cluster_network_relation', 'local', 'cid INTEGER, oid INTEGER', { primaryKey: ['cid', 'oid'] }],
  ['cluster_vnc_bitmap', 'local', 'id INTEGER, map LONGTEXT', { primaryKey: ['id'] }],
  ['plan_pool', 'local', 'cid INTEGER, state INTEGER, body MEDIUMTEXT', { primaryKey: ['cid'] }],
  [
    'datastore_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
  ],
  [
    'document_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, type INTEGER, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
  ],
  [
    'hook_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER, type INTEGER',
  ],
  [
    'hook_log',
    'local',
    'hkid INTEGER, exeid INTEGER, timestamp INTEGER, rc INTEGER, body MEDIUMTEXT',
    { primaryKey: ['hkid', 'exeid'] },
  ],
  [
    'image_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name', 'uid']] },
  ],
  ['group_quotas', 'local', 'group_oid INTEGER, body MEDIUMTEXT', { primaryKey: ['group_oid'] }],
  ['user_quotas', 'local', 'user_oid INTEGER, body MEDIUMTEXT', { primaryKey: ['user_oid'] }],
  [
    'secgroup_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
    { unique: [['name', 'uid']] },
  ],
  [
    'network_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER, pid INTEGER',
    { unique: [['name', 'uid']] },
  ],
  ['network_vlan_bitmap', 'local', 'id INTEGER, map LONGTEXT', { primaryKey: ['id'] }],
  [
    'vn_template_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
  ],
  [
    'vrouter_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER',
  ],
  [
    'backupjob_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, owner_u INTEGER, group_u INTEGER, other_u INTEGER, priority INTEGER, outdated_vms INTEGER',
  ],
  [
    'schedaction_pool',
    'local',
    'oid INTEGER, parent_id INTEGER, type VARCHAR(128), body MEDIUMTEXT, time INTEGER, done INTEGER',
  ],
  ['group_vlans', 'local', 'group_oid INTEGER, body MEDIUMTEXT', { primaryKey: ['group_oid'] }],
  [
    'pool_control',
    'local',
    'tablename VARCHAR(32), last_oid BIGINT UNSIGNED',
    { primaryKey: ['tablename'] },
  ],
  [
    'local_db_versioning',
    'local',
    'oid INTEGER, version VARCHAR(256), timestamp INTEGER, comment VARCHAR(256), is_slave BOOLEAN',
  ],
  ['system_attributes', 'local', 'name VARCHAR(128), body MEDIUMTEXT', { primaryKey: ['name'] }],
  [
    'logdb',
    'log',
    'log_index BIGINT UNSIGNED, term INTEGER, sqlcmd MEDIUMTEXT, timestamp INTEGER, fed_index BIGINT UNSIGNED, applied BOOLEAN',
    {
      primaryKey: ['log_index'],
      indexes: [
        ['fed_index_idx', ['fed_index']],
        ['applied_idx', ['applied']],
      ],
    },
  ],
];

function tableDef([name, scope, columns, options = {}]: FrozenTable): TableDef {
  const indexes: IndexDef[] = (options.indexes ?? []).map(([index, on]) => ({
    name: index,
    columns: on,
  }));
  return {
    name,
    scope,
    columns: columns.split(', ').map((spec) => {
      const [column, ...type] = spec.split(' ');
      return { name: column!, type: type.join(' ') };
    }),
    primaryKey: options.primaryKey ?? ['oid'],
    unique: options.unique ?? [],
    indexes,
  };
}

/** Every table of schema 7.6.0 (shared) / 7.6.0 (local), in creation order. */
export const previousSchema: readonly TableDef[] = frozen.map(tableDef);
