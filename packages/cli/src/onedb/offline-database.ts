// What the onedb commands that change a stopped daemon's database (fsck, sqlite2mysql,
// mysql2sqlite, import-slave) learn from the installation: how to tell that its daemon is
// running, and the federation mode of oned.conf.
import {
  isOneKitError,
  loadOnedConf,
  resolveEndpoint,
  type Environment,
  type OnePaths,
} from '@onekit/core';
import type { DaemonCheck, FsckOptions } from '@onekit/daemon';

export interface Installation {
  readonly paths: OnePaths;
  readonly env: Environment;
  readonly home: string | undefined;
}

/** The lock file and the endpoint of this installation's daemon (oned.conf's, else the client default). */
export async function installationDaemon(o: Installation): Promise<DaemonCheck> {
  const { onedEndpoint, processIsAlive } = await import('@onekit/daemon');
  let endpoint: string;
  try {
    endpoint = onedEndpoint(await loadOnedConf(o.paths.onedConf));
  } catch (err) {
    if (!isOneKitError(err, 'CONFIG_MISSING')) throw err;
    endpoint = resolveEndpoint({ env: o.env, home: o.home, paths: o.paths });
  }
  return { lockFile: o.paths.lock, isAlive: processIsAlive, endpoint };
}

/** FEDERATION/MODE of oned.conf (a CACHE zone keeps its log as a slave does); STANDALONE without it. */
export async function federationMode(paths: OnePaths): Promise<FsckOptions['federation']> {
  try {
    const mode = (await loadOnedConf(paths.onedConf)).federation.mode;
    return mode === 'CACHE' ? 'SLAVE' : mode;
  } catch (err) {
    if (!isOneKitError(err, 'CONFIG_MISSING')) throw err;
    return 'STANDALONE';
  }
}
