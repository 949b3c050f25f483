// Where an OpenNebula-style installation keeps its files. Two layouts exist, as in oned:
// system-wide (the FHS directories below) and self-contained under ONE_LOCATION, where
// everything moves below one root and logs, locks and run files live inside `var/`.
import { posix } from 'node:path';
import { OneKitError } from '../errors/index.js';

/** The services that keep a `serveradmin:<secret>` credentials file in the `.one` directory. */
export const serviceCredentialNames = [
  'oneflow',
  'onegate',
  'sunstone',
  'oneform',
  'oneks',
  'ec2',
] as const;
export type ServiceCredentialName = (typeof serviceCredentialNames)[number];

/** The servers with a YAML configuration file and a log of their own. */
export const serviceNames = ['oneflow', 'onegate', 'econe'] as const;
export type ServiceName = (typeof serviceNames)[number];

export interface OnePaths {
  /** The ONE_LOCATION root; undefined for a system-wide installation. */
  readonly location: string | undefined;
  /** Configuration files (oned.conf, service configs). */
  readonly etc: string;
  /** State: the SQLite database, datastores, VM directories, the `.one` directory. */
  readonly var: string;
  /** Log files. Self-contained installations log into `var/`. */
  readonly log: string;
  /** The directory holding oned's lock file. */
  readonly lockDir: string;
  /** oned's lock file: present while oned runs; onedb refuses offline work when it exists. */
  readonly lock: string;
  /** PID files of the services. */
  readonly run: string;
  /** Driver scripts copied to the hosts. */
  readonly remotes: string;
  /** Hook scripts; a hook COMMAND without a leading `/` is relative to this directory. */
  readonly hooks: string;
  /** Per-VM directories (deployment files, context, token.txt). */
  readonly vms: string;
  readonly datastores: string;
  /** Read-only data shipped with the installation (schemas, examples). */
  readonly share: string;
  /** Driver executables. */
  readonly mads: string;
  /** The service account's `.one` directory: server credentials and default endpoints. */
  readonly oneDir: string;
  readonly onedConf: string;
  /** The configuration oned writes out at start, as it ran with it. */
  readonly onedRunningConfig: string;
  readonly onedLog: string;
  readonly sqliteDb: string;
  /** ERB templates of econe's deprecated instance-type file mode. */
  readonly ec2QueryTemplates: string;
  /** `<oneDir>/one_auth`: the last place an ONE_AUTH file is looked for. */
  readonly oneAuth: string;
  /** `<oneDir>/one_endpoint`: the last place an XML-RPC endpoint is looked for. */
  readonly oneEndpoint: string;
  /** `<oneDir>/oneflow_endpoint`: the last place a OneFlow endpoint is looked for. */
  readonly oneflowEndpoint: string;
  /** `<oneDir>/<name>_auth`, each holding `serveradmin:<secret>`. */
  readonly serviceCredentials: Readonly<Record<ServiceCredentialName, string>>;
  /** oneflow-server.conf, onegate-server.conf, econe.conf. */
  readonly serviceConfs: Readonly<Record<ServiceName, string>>;
  readonly serviceLogs: Readonly<Record<ServiceName, string>>;
}

export interface ResolvePathsOptions {
  /** The value of ONE_LOCATION; undefined or empty selects the system-wide layout. */
  oneLocation?: string;
}

const serviceConfFiles: Record<ServiceName, string> = {
  oneflow: 'oneflow-server.conf',
  onegate: 'onegate-server.conf',
  econe: 'econe.conf',
};

const serviceLogFiles: Record<ServiceName, string> = {
  oneflow: 'oneflow.log',
  onegate: 'onegate.log',
  econe: 'econe-server.log',
};

interface BaseDirs {
  location: string | undefined;
  etc: string;
  var: string;
  log: string;
  lockDir: string;
  lock: string;
  run: string;
  share: string;
  mads: string;
}

const systemWide: BaseDirs = {
  location: undefined,
  etc: '/etc/one',
  var: '/var/lib/one',
  log: '/var/log/one',
  lockDir: '/var/lock/one',
  lock: '/var/lock/one/one',
  run: '/var/run/one',
  share: '/usr/share/one',
  mads: '/usr/lib/one/mads',
};

function selfContained(location: string): BaseDirs {
  const join = (...parts: string[]) => posix.join(location, ...parts);
  return {
    location,
    etc: join('etc'),
    var: join('var'),
    log: join('var'),
    lockDir: join('var', 'lock'),
    lock: join('var', 'lock', '.lock'),
    run: join('var', 'run'),
    share: join('share'),
    mads: join('lib', 'mads'),
  };
}

/** Every path of one installation, for either layout. */
export function resolvePaths(options: ResolvePathsOptions = {}): OnePaths {
  const base = options.oneLocation ? selfContained(checkLocation(options.oneLocation)) : systemWide;
  const { join } = posix;
  const remotes = join(base.var, 'remotes');
  const oneDir = join(base.var, '.one');
  const perService = <K extends string>(names: readonly K[], file: (name: K) => string) =>
    Object.fromEntries(names.map((name) => [name, file(name)])) as Record<K, string>;
  return {
    ...base,
    remotes,
    hooks: join(remotes, 'hooks'),
    vms: join(base.var, 'vms'),
    datastores: join(base.var, 'datastores'),
    oneDir,
    onedConf: join(base.etc, 'oned.conf'),
    onedRunningConfig: join(base.var, 'config'),
    onedLog: join(base.log, 'oned.log'),
    sqliteDb: join(base.var, 'one.db'),
    ec2QueryTemplates: join(base.etc, 'ec2query_templates'),
    oneAuth: join(oneDir, 'one_auth'),
    oneEndpoint: join(oneDir, 'one_endpoint'),
    oneflowEndpoint: join(oneDir, 'oneflow_endpoint'),
    serviceCredentials: perService(serviceCredentialNames, (name) => join(oneDir, `${name}_auth`)),
    serviceConfs: perService(serviceNames, (name) => join(base.etc, serviceConfFiles[name])),
    serviceLogs: perService(serviceNames, (name) => join(base.log, serviceLogFiles[name])),
  };
}

function checkLocation(location: string): string {
  // A relative root would depend on the working directory of whoever reads it.
  if (!posix.isAbsolute(location)) {
    throw new OneKitError('CONFIG_INVALID', `ONE_LOCATION must be an absolute path: ${location}`, {
      field: 'ONE_LOCATION',
    });
  }
  return posix.normalize(location).replace(/(.)\/+$/, '$1');
}
