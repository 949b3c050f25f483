import { access, mkdir } from 'node:fs/promises';
import {
  OneKitError,
  defaultOnedConfig,
  loadOnedConf,
  renderOnedConf,
  resolvePaths,
  type OnePaths,
} from '@onekit/core';
import { writeFileAtomic } from '@onekit/core';

// The self-contained root of a local front-end: etc/oned.conf and oneadmin's one_auth
// in var/.one, created on first use and reused afterwards (credentials are never
// regenerated: the database holds oneadmin's password hash).

export const defaultListenAddress = '127.0.0.1';
export const defaultPort = 2633;

export interface PrepareRootOptions {
  location: string;
  /** --address / --port; undefined when not given (an existing root keeps its own). */
  address?: string;
  port?: number;
  /** A new random secret for oneadmin's password. */
  randomSecret: () => string;
}

export interface FrontendRoot {
  paths: OnePaths;
  /** Where the daemon of this root listens. */
  address: string;
  port: number;
  /** `http://<address>:<port>/RPC2`, as clients reach it. */
  endpoint: string;
  /** Files written by this call (empty when the root already existed). */
  created: string[];
}

export async function prepareRoot(options: PrepareRootOptions): Promise<FrontendRoot> {
  const paths = resolvePaths({ oneLocation: options.location });
  const created: string[] = [];
  if (!(await exists(paths.onedConf))) {
    const conf = defaultOnedConfig();
    conf.listenAddress = options.address ?? defaultListenAddress;
    conf.port = options.port ?? defaultPort;
    await writeFileAtomic(paths.onedConf, renderOnedConf(conf));
    created.push(paths.onedConf);
  }
  if (!(await exists(paths.oneAuth))) {
    await mkdir(paths.oneDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(paths.oneAuth, `oneadmin:${options.randomSecret()}\n`, { mode: 0o600 });
    created.push(paths.oneAuth);
  }
  const root = await readRoot(options.location);
  refuseOtherAddress(root, options);
  return { ...root, created };
}

/** An existing root: where its daemon listens, from its oned.conf. */
export async function readRoot(location: string): Promise<Omit<FrontendRoot, 'created'>> {
  const paths = resolvePaths({ oneLocation: location });
  if (!(await exists(paths.onedConf))) {
    throw new OneKitError(
      'CONFIG_MISSING',
      `${location} is not a OneKit root: ${paths.onedConf} does not exist (run "onekit start" to create it)`,
      { file: paths.onedConf },
    );
  }
  const conf = await loadOnedConf(paths.onedConf);
  return {
    paths,
    address: conf.listenAddress,
    port: conf.port,
    endpoint: clientEndpoint(conf.listenAddress, conf.port),
  };
}

/** The URL clients use: a wildcard address is reached through loopback. */
export function clientEndpoint(address: string, port: number): string {
  const host =
    address === '0.0.0.0' || address === '' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/RPC2`;
}

function refuseOtherAddress(
  root: Omit<FrontendRoot, 'created'>,
  options: PrepareRootOptions,
): void {
  const asked = [
    ['address', options.address, root.address],
    ['port', options.port, root.port],
  ] as const;
  for (const [flag, wanted, actual] of asked) {
    if (wanted !== undefined && wanted !== actual) {
      throw new OneKitError(
        'FLAG_INVALID',
        `the root's daemon listens on ${root.address}:${root.port} (${root.paths.onedConf}); --${flag} ${wanted} applies only to a new root, edit oned.conf to change it`,
        { field: flag },
      );
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
