// OpenNebula's tables, with the names, column order and types oned creates (schema 7.6),
// so that onedb and operators find the layout they know. Objects are their XML `body`
// plus the columns oned indexes.

/**
 * Where a table's rows live: `federated` tables are shared by every zone and written only
 * by the federation master; `local` tables belong to one zone; `log` is logdb itself,
 * written only by the log store.
 */
export type TableScope = 'federated' | 'local' | 'log';

export interface ColumnDef {
  readonly name: string;
  /** The SQL type exactly as oned declares it; both backends accept these names. */
  readonly type: string;
}

export interface IndexDef {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface TableDef {
  readonly name: string;
  readonly scope: TableScope;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  readonly unique: readonly (readonly string[])[];
  readonly indexes: readonly IndexDef[];
}

interface TableOptions {
  primaryKey?: readonly string[];
  unique?: readonly (readonly string[])[];
  indexes?: readonly IndexDef[];
}

/** `columns` reads like the column list of oned's CREATE TABLE: "oid INTEGER, name VARCHAR(128)". */
function table(
  name: string,
  scope: TableScope,
  columns: string,
  { primaryKey = ['oid'], unique = [], indexes = [] }: TableOptions = {},
): TableDef {
  const parsed = columns.split(',').map((spec) => {
    const [column, ...type] = spec.trim().split(/\s+/);
    return { name: column!, type: type.join(' ') };
  });
  return { name, scope, columns: parsed, primaryKey, unique, indexes };
}

const OBJECT =
  'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, ' +
  'owner_u INTEGER, group_u INTEGER, other_u INTEGER';

export const tables: readonly TableDef[] = [
  // Federated (shared) tables: the set `onedb backup --federated` dumps.
  table('user_pool', 'federated', OBJECT, { unique: [['name']] }),
  table('group_pool', 'federated', OBJECT, { unique: [['name']] }),
  table('zone_pool', 'federated', OBJECT, { unique: [['name']] }),
  table('vdc_pool', 'federated', OBJECT, { unique: [['name']] }),
  table('marketplace_pool', 'federated', OBJECT),
  table('marketplaceapp_pool', 'federated', OBJECT, { unique: [['name', 'uid']] }),
  table(
    'acl',
    'federated',
    'oid INT, userset BIGINT, resource BIGINT, rights BIGINT, zone BIGINT',
    {
      unique: [['userset', 'resource', 'rights', 'zone']],
    },
  ),
  table(
    'db_versioning',
    'federated',
    'oid INTEGER, version VARCHAR(256), timestamp INTEGER, comment VARCHAR(256)',
  ),

  // Local tables.
  table(
    'vm_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, uid INTEGER, gid INTEGER, ' +
      'state INTEGER, lcm_state INTEGER, resched INTEGER, owner_u INTEGER, group_u INTEGER, ' +
      'other_u INTEGER, short_body MEDIUMTEXT, body_json JSON',
    { indexes: [{ name: 'state_oid_idx', columns: ['state', 'oid'] }] },
  ),
  table('vm_monitoring', 'local', 'vmid INTEGER, last_poll INTEGER, body MEDIUMTEXT', {
    primaryKey: ['vmid', 'last_poll'],
  }),
  table('vm_showback', 'local', 'vmid INTEGER, year INTEGER, month INTEGER, body MEDIUMTEXT', {
    primaryKey: ['vmid', 'year', 'month'],
  }),
  table(
    'history',
    'local',
    'vid INTEGER, seq INTEGER, body MEDIUMTEXT, stime INTEGER, etime INTEGER',
    {
      primaryKey: ['vid', 'seq'],
    },
  ),
  table(
    'host_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, state INTEGER, uid INTEGER, gid INTEGER, ' +
      'owner_u INTEGER, group_u INTEGER, other_u INTEGER, cid INTEGER',
  ),
  table('host_monitoring', 'local', 'hid INTEGER, last_mon_time INTEGER, body MEDIUMTEXT', {
    primaryKey: ['hid', 'last_mon_time'],
  }),
  table('vmgroup_pool', 'local', OBJECT, { unique: [['name', 'uid']] }),
  table('template_pool', 'local', OBJECT),
  table('cluster_pool', 'local', OBJECT, { unique: [['name']] }),
  table('cluster_datastore_relation', 'local', 'cid INTEGER, oid INTEGER', {
    primaryKey: ['cid', 'oid'],
  }),
  table('cluster_network_relation', 'local', 'cid INTEGER, oid INTEGER', {
    primaryKey: ['cid', 'oid'],
  }),
  table('cluster_vnc_bitmap', 'local', 'id INTEGER, map LONGTEXT', { primaryKey: ['id'] }),
  table('plan_pool', 'local', 'cid INTEGER, state INTEGER, body MEDIUMTEXT', {
    primaryKey: ['cid'],
  }),
  table('datastore_pool', 'local', OBJECT),
  table(
    'document_pool',
    'local',
    'oid INTEGER, name VARCHAR(128), body MEDIUMTEXT, type INTEGER, uid INTEGER, gid INTEGER, ' +
      'owner_u INTEGER, group_u INTEGER, other_u INTEGER',
  ),
  table('hook_pool', 'local', `${OBJECT}, type INTEGER`),
  table(
    'hook_log',
    'local',
    'hkid INTEGER, exeid INTEGER, timestamp INTEGER, rc INTEGER, body MEDIUMTEXT',
    {
      primaryKey: ['hkid', 'exeid'],
    },
  ),
  table('image_pool', 'local', OBJECT, { unique: [['name', 'uid']] }),
  table('group_quotas', 'local', 'group_oid INTEGER, body MEDIUMTEXT', {
    primaryKey: ['group_oid'],
  }),
  table('user_quotas', 'local', 'user_oid INTEGER, body MEDIUMTEXT', { primaryKey: ['user_oid'] }),
  table('secgroup_pool', 'local', OBJECT, { unique: [['name', 'uid']] }),
  table('network_pool', 'local', `${OBJECT}, pid INTEGER`, { unique: [['name', 'uid']] }),
  table('network_vlan_bitmap', 'local', 'id INTEGER, map LONGTEXT', { primaryKey: ['id'] }),
  table('vn_template_pool', 'local', OBJECT),
  table('vrouter_pool', 'local', OBJECT),
  table('backupjob_pool', 'local', `${OBJECT}, priority INTEGER, outdated_vms INTEGER`),
  table(
    'schedaction_pool',
    'local',
    'oid INTEGER, parent_id INTEGER, type VARCHAR(128), body MEDIUMTEXT, time INTEGER, done INTEGER',
  ),
  table('group_vlans', 'local', 'group_oid INTEGER, body MEDIUMTEXT', {
    primaryKey: ['group_oid'],
  }),

  // System tables (local; pool_control rows of federated pools replicate with them).
  table('pool_control', 'local', 'tablename VARCHAR(32), last_oid BIGINT UNSIGNED', {
    primaryKey: ['tablename'],
  }),
  table(
    'local_db_versioning',
    'local',
    'oid INTEGER, version VARCHAR(256), timestamp INTEGER, comment VARCHAR(256), is_slave BOOLEAN',
  ),
  table('system_attributes', 'local', 'name VARCHAR(128), body MEDIUMTEXT', {
    primaryKey: ['name'],
  }),

  // The replicated log.
  table(
    'logdb',
    'log',
    'log_index BIGINT UNSIGNED, term INTEGER, sqlcmd MEDIUMTEXT, timestamp INTEGER, ' +
      'fed_index BIGINT UNSIGNED, applied BOOLEAN',
    {
      primaryKey: ['log_index'],
      indexes: [
        { name: 'fed_index_idx', columns: ['fed_index'] },
        { name: 'applied_idx', columns: ['applied'] },
        // The log purge counts applied entries of each kind newest first (local 7.6.1).
        { name: 'purge_idx', columns: ['applied', 'fed_index', 'log_index'] },
      ],
    },
  ),
];

const byName = new Map(tables.map((t) => [t.name, t]));

export function findTable(name: string): TableDef | undefined {
  return byName.get(name);
}

/** Names of the federated tables, as pool_control.tablename spells them. */
export const federatedTableNames: ReadonlySet<string> = new Set(
  tables.filter((t) => t.scope === 'federated').map((t) => t.name),
);
