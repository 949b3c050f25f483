// The keys of OPENNEBULA_CONFIGURATION that opennebula_configuration.xsd knows, in the
// schema's order, with the value types it declares. one.system.config emits only these, so
// its answer validates; oned.conf keys the schema does not name are left out.

/** A value type: an integer, any string, YES/NO in any case, or one of a list. */
export type ConfigValueType = 'integer' | 'string' | 'yesno' | readonly string[];

export interface ConfigKeyDef {
  readonly type: ConfigValueType;
  readonly required?: boolean;
}

export type ConfigEntryDef =
  | {
      readonly kind: 'single';
      readonly name: string;
      readonly type: ConfigValueType;
      readonly many: boolean;
    }
  | {
      readonly kind: 'vector';
      readonly name: string;
      readonly keys: Readonly<Record<string, ConfigKeyDef>>;
      readonly many: boolean;
    };

const MANY = true;

function single(name: string, type: ConfigValueType, many = false): ConfigEntryDef {
  return { kind: 'single', name, type, many };
}

function vector(name: string, keys: Record<string, ConfigKeyDef>, many = false): ConfigEntryDef {
  return { kind: 'vector', name, keys, many };
}

export const configurationSchema: readonly ConfigEntryDef[] = [
  single('ACTION_TIMEOUT', 'integer'),
  single('API_LIST_ORDER', 'string', MANY),
  vector(
    'AUTH_MAD',
    {
      AUTHN: { type: 'string', required: true },
      EXECUTABLE: { type: 'string', required: true },
    },
    MANY,
  ),
  vector(
    'AUTH_MAD_CONF',
    {
      DRIVER_MANAGED_GROUPS: { type: 'string', required: true },
      DRIVER_MANAGED_GROUP_ADMIN: { type: 'string', required: true },
      MAX_TOKEN_TIME: { type: 'integer', required: true },
      NAME: { type: 'string', required: true },
      PASSWORD_CHANGE: { type: 'string', required: true },
      PASSWORD_REQUIRED: { type: 'string' },
    },
    MANY,
  ),
  single('CLUSTER_ENCRYPTED_ATTR', 'string', MANY),
  single('COLD_MIGRATE_MODE', 'integer'),
  single('CONTEXT_ALLOW_ETH_UPDATES', 'string'),
  single('CONTEXT_RESTRICTED_DIRS', 'string'),
  single('CONTEXT_SAFE_DIRS', 'string'),
  single('DATASTORE_CAPACITY_CHECK', 'string', MANY),
  single('DATASTORE_ENCRYPTED_ATTR', 'string', MANY),
  single('DATASTORE_LOCATION', 'string', MANY),
  vector(
    'DATASTORE_MAD',
    {
      ARGUMENTS: { type: 'string', required: true },
      EXECUTABLE: { type: 'string', required: true },
    },
    MANY,
  ),
  vector('DB', {
    BACKEND: { type: ['mysql', 'sqlite'] },
    COMPARE_BINARY: { type: 'yesno' },
    CONNECTIONS: { type: 'integer' },
    DB_NAME: { type: 'string' },
    PASSWD: { type: 'string' },
    PORT: { type: 'integer' },
    SERVER: { type: 'string' },
    USER: { type: 'string' },
    TIMEOUT: { type: 'integer' },
  }),
  single('DEFAULT_AUTH', 'string', MANY),
  vector(
    'DEFAULT_COST',
    {
      CPU_COST: { type: 'integer', required: true },
      DISK_COST: { type: 'integer', required: true },
      MEMORY_COST: { type: 'integer', required: true },
    },
    MANY,
  ),
  single('DEFAULT_DEVICE_PREFIX', 'string', MANY),
  single('DEFAULT_IMAGE_PERSISTENT', 'string', MANY),
  single('DEFAULT_IMAGE_PERSISTENT_NEW', 'string', MANY),
  single('DEFAULT_IMAGE_TYPE', 'string', MANY),
  single('DEFAULT_UMASK', 'string', MANY),
  single('DEFAULT_VDC_CLUSTER_DATASTORE_ACL', 'string', MANY),
  single('DEFAULT_VDC_CLUSTER_HOST_ACL', 'string', MANY),
  single('DEFAULT_VDC_CLUSTER_NET_ACL', 'string', MANY),
  single('DEFAULT_VDC_DATASTORE_ACL', 'string', MANY),
  single('DEFAULT_VDC_HOST_ACL', 'string', MANY),
  single('DEFAULT_VDC_VNET_ACL', 'string', MANY),
  single('DOCUMENT_ENCRYPTED_ATTR', 'string', MANY),
  single('DRS_INTERVAL', 'integer'),
  vector(
    'DS_MAD_CONF',
    {
      DATASTORE_CAPACITY_CHECK: { type: 'string' },
      MARKETPLACE_ACTIONS: { type: 'string' },
      NAME: { type: 'string' },
      PERSISTENT_ONLY: { type: 'yesno' },
      REQUIRED_ATTRS: { type: 'string' },
    },
    MANY,
  ),
  single('DS_MONITOR_VM_DISK', 'integer'),
  single('ENABLE_OTHER_PERMISSIONS', 'yesno'),
  vector('FEDERATION', {
    MASTER_ONED: { type: 'string' },
    MODE: { type: ['STANDALONE', 'MASTER', 'SLAVE'] },
    SERVER_ID: { type: 'integer' },
    ZONE_ID: { type: 'integer' },
  }),
  single('GROUP_RESTRICTED_ATTR', 'string', MANY),
  single('GRPC_LISTEN_ADDRESS', 'string'),
  single('GRPC_PORT', 'integer'),
  vector('HM_MAD', {
    ARGUMENTS: { type: 'string' },
    EXECUTABLE: { type: 'string' },
  }),
  vector('HOOK_LOG_CONF', {
    LOG_RETENTION: { type: 'integer' },
  }),
  single('HOST_ENCRYPTED_ATTR', 'string', MANY),
  single('IMAGE_ENCRYPTED_ATTR', 'string', MANY),
  single('IMAGE_RESTRICTED_ATTR', 'string', MANY),
  vector(
    'IM_MAD',
    {
      ARGUMENTS: { type: 'string' },
      EXECUTABLE: { type: 'string' },
      NAME: { type: 'string' },
      THREADS: { type: 'integer' },
    },
    MANY,
  ),
  single('INHERIT_DATASTORE_ATTR', 'string', MANY),
  single('INHERIT_IMAGE_ATTR', 'string', MANY),
  single('INHERIT_VNET_ATTR', 'string', MANY),
  vector(
    'IPAM_MAD',
    {
      ARGUMENTS: { type: 'string', required: true },
      EXECUTABLE: { type: 'string', required: true },
    },
    MANY,
  ),
  single('KEEPALIVE_MAX_CONN', 'integer', MANY),
  single('KEEPALIVE_TIMEOUT', 'integer', MANY),
  single('LISTEN_ADDRESS', 'string', MANY),
  single('LIVE_RESCHEDS', 'integer'),
  vector(
    'LOG',
    {
      DEBUG_LEVEL: { type: 'integer', required: true },
      SYSTEM: { type: 'string', required: true },
      USE_VMS_LOCATION: { type: 'string' },
    },
    MANY,
  ),
  single('LOG_CALL_FORMAT', 'string', MANY),
  single('LOG_RESULT_LENGTH', 'integer', MANY),
  single('MAC_GLOBAL_SPACE', 'string', MANY),
  single('MAC_PREFIX', 'string', MANY),
  single('MANAGER_TIMER', 'integer', MANY),
  vector(
    'MARKET_MAD',
    {
      ARGUMENTS: { type: 'string', required: true },
      EXECUTABLE: { type: 'string', required: true },
    },
    MANY,
  ),
  vector(
    'MARKET_MAD_CONF',
    {
      APP_ACTIONS: { type: 'string', required: true },
      NAME: { type: 'string', required: true },
      PUBLIC: { type: 'yesno' },
      REQUIRED_ATTRS: { type: 'string' },
      SUNSTONE_NAME: { type: 'string' },
    },
    MANY,
  ),
  single('MAX_ACTIONS_PER_CLUSTER', 'integer'),
  single('MAX_ACTIONS_PER_HOST', 'integer'),
  single('MAX_BACKUPS', 'integer'),
  single('MAX_BACKUPS_HOST', 'integer'),
  single('MAX_CONN', 'integer'),
  single('MAX_CONN_BACKLOG', 'integer'),
  single('MESSAGE_SIZE', 'integer'),
  single('MONITORING_INTERVAL_DATASTORE', 'integer'),
  single('MONITORING_INTERVAL_HOST', 'integer'),
  single('MONITORING_INTERVAL_MARKET', 'integer'),
  single('MONITORING_INTERVAL_VM', 'integer'),
  single('NETWORK_SIZE', 'integer'),
  single('ONE_KEY', 'string', MANY),
  single('PCI_PASSTHROUGH_BUS', 'string'),
  single('PORT', 'integer'),
  vector('RAFT', {
    BROADCAST_TIMEOUT_MS: { type: 'integer', required: true },
    ELECTION_TIMEOUT_MS: { type: 'integer', required: true },
    LIMIT_PURGE: { type: 'integer', required: true },
    LOG_PURGE_TIMEOUT: { type: 'integer', required: true },
    LOG_RETENTION: { type: 'integer', required: true },
    XMLRPC_TIMEOUT_MS: { type: 'integer', required: true },
  }),
  single('RPC_LOG', 'string'),
  vector('SCHED_MAD', {
    ARGUMENTS: { type: 'string', required: true },
    EXECUTABLE: { type: 'string', required: true },
  }),
  single('SCHED_MAX_WND_LENGTH', 'string'),
  single('SCHED_MAX_WND_TIME', 'string'),
  single('SCHED_RETRY_TIME', 'string'),
  single('SCRIPTS_REMOTE_DIR', 'string'),
  single('SESSION_EXPIRATION_TIME', 'integer'),
  single('SHOWBACK_ONLY_RUNNING', 'string'),
  single('TIMEOUT', 'integer'),
  vector(
    'TM_MAD',
    {
      ARGUMENTS: { type: 'string', required: true },
      EXECUTABLE: { type: 'string', required: true },
    },
    MANY,
  ),
  vector(
    'TM_MAD_CONF',
    {
      ALLOW_ORPHANS: { type: 'string' },
      CLONE_TARGET: { type: 'string' },
      CLONE_TARGET_SHARED: { type: 'string' },
      CLONE_TARGET_SSH: { type: 'string' },
      DISK_TYPE: { type: 'string' },
      DISK_TYPE_SHARED: { type: 'string' },
      DISK_TYPE_SSH: { type: 'string' },
      DRIVER: { type: 'string' },
      DS_MIGRATE: { type: 'string' },
      DS_LIVE_MIGRATE: { type: 'string' },
      DS_MIGRATE_SNAP: { type: 'string' },
      LN_TARGET: { type: 'string' },
      LN_TARGET_SHARED: { type: 'string' },
      LN_TARGET_SSH: { type: 'string' },
      NAME: { type: 'string' },
      PERSISTENT_SNAPSHOTS: { type: 'string' },
      SHARED: { type: 'string' },
      TM_MAD_SYSTEM: { type: 'string' },
    },
    MANY,
  ),
  single('USER_ENCRYPTED_ATTR', 'string', MANY),
  single('USER_RESTRICTED_ATTR', 'string', MANY),
  vector('VLAN_IDS', {
    RESERVED: { type: 'string', required: true },
    START: { type: 'integer', required: true },
  }),
  single('VM_ADMIN_OPERATIONS', 'string'),
  single('VM_ENCRYPTED_ATTR', 'string', MANY),
  vector(
    'VM_MAD',
    {
      ARGUMENTS: { type: 'string' },
      DEFAULT: { type: 'string' },
      EXECUTABLE: { type: 'string' },
      NAME: { type: 'string' },
      SUNSTONE_NAME: { type: 'string' },
      TYPE: { type: 'string' },
      KEEP_SNAPSHOTS: { type: 'yesno' },
      COLD_NIC_ATTACH: { type: 'yesno' },
      LIVE_RESIZE: { type: 'yesno' },
    },
    MANY,
  ),
  single('VM_MANAGE_OPERATIONS', 'string'),
  single('VM_RESTRICTED_ATTR', 'string', MANY),
  single('VM_SNAPSHOT_FACTOR', 'string'),
  single('VM_SUBMIT_ON_HOLD', 'yesno'),
  single('VM_USE_OPERATIONS', 'string', MANY),
  vector('VNC_PORTS', {
    RESERVED: { type: 'string', required: true },
    START: { type: 'integer', required: true },
  }),
  single('VNET_ENCRYPTED_ATTR', 'string', MANY),
  single('VNET_RESTRICTED_ATTR', 'string', MANY),
  vector(
    'VN_MAD_CONF',
    {
      BRIDGE_TYPE: { type: 'string' },
      NAME: { type: 'string' },
    },
    MANY,
  ),
  vector('VXLAN_IDS', {
    START: { type: 'integer', required: true },
  }),
];
