// The executables OneKit installs: one per OpenNebula command name, plus `onekit` for the
// suite's own tools. Roots, bin scripts and man pages are all generated from this table.

/** An environment variable an executable reads, for its help and man page. */
export interface EnvironmentEntry {
  name: string;
  description: string;
}

export interface Executable {
  /** The command name users type, also the oclif bin and the man page name. */
  name: string;
  /** One line, for listings and the NAME section of the man page. */
  summary: string;
  /** A paragraph for --help and the DESCRIPTION section. */
  description: string;
  /** Topic descriptions for commands grouped under a word (`onekit config check`). */
  topics?: Record<string, string>;
  /** Variables read by this executable beyond the ones every executable reads. */
  environment: EnvironmentEntry[];
}

const xmlrpcEnvironment: EnvironmentEntry[] = [
  {
    name: 'ONE_XMLRPC',
    description: 'XML-RPC endpoint of oned, used when --endpoint is not given.',
  },
  {
    name: 'ONE_AUTH',
    description: 'File holding the username:password line used when --user is not given.',
  },
];

export const executables: readonly Executable[] = [
  {
    name: 'onezone',
    summary: 'manage zones, their HA servers and federation',
    description:
      'Lists, shows and changes zones and the servers of each zone, speaking the OpenNebula XML-RPC API to a OneKit daemon or an OpenNebula front-end.',
    environment: xmlrpcEnvironment,
  },
  {
    name: 'oneuser',
    summary: 'manage users, their passwords, groups and authentication drivers',
    description:
      'Lists, shows, creates and deletes users and changes their password, primary group and authentication driver, speaking the OpenNebula XML-RPC API.',
    environment: xmlrpcEnvironment,
  },
  {
    name: 'onegroup',
    summary: 'manage groups',
    description:
      'Lists, shows, creates and deletes groups, speaking the OpenNebula XML-RPC API. A new group gets the ACL rule that lets its members create their own resources.',
    environment: xmlrpcEnvironment,
  },
  {
    name: 'oneacl',
    summary: 'manage ACL rules',
    description:
      'Lists, creates and deletes the ACL rules that grant users and groups rights over resources, speaking the OpenNebula XML-RPC API.',
    environment: xmlrpcEnvironment,
  },
  {
    name: 'onedb',
    summary: 'back up and restore the database, and show its schema versions',
    description:
      'Works on the database of a front-end, SQLite or MySQL/MariaDB: shows its schema versions and their history, takes consistent backups while the daemon runs, and restores them once it is stopped, also from one backend into the other.',
    environment: [
      {
        name: 'ONE_DB_PASSWORD',
        description: 'MySQL password used when --password is not given.',
      },
      {
        name: 'ONE_XMLRPC',
        description:
          'Endpoint onedb restore probes to tell whether the daemon runs, when there is no oned.conf.',
      },
    ],
  },
  {
    name: 'oneflow',
    summary: 'manage OneFlow services',
    description: 'Lists, shows, scales and acts on multi-VM services through the OneFlow REST API.',
    environment: [
      { name: 'ONEFLOW_URL', description: 'OneFlow endpoint, used when --server is not given.' },
      { name: 'ONEFLOW_USER', description: 'User name, used when --username is not given.' },
      { name: 'ONEFLOW_PASSWORD', description: 'Password, used when --password is not given.' },
      { name: 'ONE_AUTH', description: 'File holding the username:password line used otherwise.' },
    ],
  },
  {
    name: 'oneflow-template',
    summary: 'manage OneFlow service templates',
    description:
      'Creates, shows, updates and instantiates service templates through the OneFlow REST API.',
    environment: [
      { name: 'ONEFLOW_URL', description: 'OneFlow endpoint, used when --server is not given.' },
      { name: 'ONEFLOW_USER', description: 'User name, used when --username is not given.' },
      { name: 'ONEFLOW_PASSWORD', description: 'Password, used when --password is not given.' },
      { name: 'ONE_AUTH', description: 'File holding the username:password line used otherwise.' },
    ],
  },
  {
    name: 'onegate',
    summary: 'read and update a VM and its service from inside the VM',
    description:
      'Runs inside a virtual machine and talks to OneGate with the VM token: shows and updates the VM, its service, virtual router and networks.',
    environment: [
      { name: 'ONEGATE_ENDPOINT', description: 'OneGate endpoint, set by the VM context.' },
      { name: 'VMID', description: 'Identifier of the VM, set by the VM context.' },
      { name: 'TOKENTXT', description: 'The OneGate token of the VM, set by the VM context.' },
    ],
  },
  {
    name: 'econe',
    summary: 'call the EC2 Query API',
    description:
      'Manages images, instances, volumes, addresses and key pairs through the EC2 Query API of a OneKit or OpenNebula cloud.',
    environment: [
      { name: 'EC2_URL', description: 'EC2 Query endpoint, used when --url is not given.' },
      { name: 'EC2_ACCESS_KEY', description: 'Access key, used when --access-key is not given.' },
      { name: 'EC2_SECRET_KEY', description: 'Secret key, used when --secret-key is not given.' },
    ],
  },
  {
    name: 'onekit',
    summary: "OneKit's own tools: a local front-end, paths, templates and configuration checks",
    description:
      'Runs a local front-end with the OneKit daemon, shows the file layout OneKit resolves, converts templates between their text, XML and JSON forms, and validates configuration files.',
    topics: {
      config: 'Validate configuration files.',
      daemon: 'Start, stop and inspect the daemon of a self-contained root.',
    },
    environment: [],
  },
];

/** Variables every executable reads. */
export const commonEnvironment: EnvironmentEntry[] = [
  {
    name: 'ONE_LOCATION',
    description:
      'Root of a self-contained installation; when unset, the system-wide layout (/etc/one, /var/lib/one, ...) is used.',
  },
  { name: 'NO_COLOR', description: 'When set to a non-empty value, output is never coloured.' },
  { name: 'TERM', description: 'When "dumb", output is never coloured.' },
  { name: 'DEBUG', description: 'When set, errors are printed with their stack trace and causes.' },
];
