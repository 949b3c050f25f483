// Reading both hosts before anything is decided: their layouts, the inventories of their
// configuration directories and both oned.conf texts, through the transports only.
import { isOneKitError } from '@onekit/core';
import { posix } from 'node:path';
import type { HostFile, HostPaths, HostTransport } from '../transport/host-transport.js';
import { backupsRoot, type Rng } from './backup-manifest.js';
import type { HostSide } from './plan.js';
import { onedConfEntry, type SyncList } from './sync-list.js';

export interface Sides {
  readonly here: HostSide;
  readonly there: HostSide;
  readonly herePaths: HostPaths;
  readonly therePaths: HostPaths;
}

export async function gatherSides(o: {
  local: HostTransport;
  remote: HostTransport;
  list: SyncList;
}): Promise<Sides> {
  const onedConf = onedConfEntry(o.list).path;
  const side = async (transport: HostTransport, host: string) => {
    const paths = await transport.paths();
    const files = await transport.listFiles(paths.etc);
    const conf = files.find((f) => f.path === onedConf && f.kind === 'file');
    const text = conf ? await readText(transport, posix.join(paths.etc, conf.path)) : undefined;
    const result: HostSide = {
      host,
      etc: paths.etc,
      files,
      ...(text === undefined ? {} : { onedConf: text }),
    };
    return { paths, side: result };
  };
  const [here, there] = await Promise.all([
    side(o.local, 'this host'),
    side(o.remote, o.remote.host),
  ]);
  return { here: here.side, there: there.side, herePaths: here.paths, therePaths: there.paths };
}

async function readText(transport: HostTransport, file: string): Promise<string> {
  return (await transport.readFile(file)).toString('utf8');
}

/** A file's absolute path on a side. */
export function pathOn(etc: string, file: HostFile | { path: string }): string {
  return posix.join(etc, file.path);
}

/**
 * Whether the remote is this very host: only possible when both report the same state
 * directory. A probe file written here is looked for there, and removed at once.
 */
export async function isSameHost(o: {
  local: HostTransport;
  remote: HostTransport;
  sides: Sides;
  rng: Rng;
}): Promise<boolean> {
  if (o.sides.herePaths.var !== o.sides.therePaths.var) return false;
  const token = Math.floor(o.rng() * 2 ** 48).toString(16);
  const probe = posix.join(backupsRoot(o.sides.herePaths.var), `.probe-${token}`);
  await o.local.writeFile(probe, Buffer.from(token), { mode: 0o600 });
  try {
    return (await o.remote.readFile(probe)).toString('utf8') === token;
  } catch (err) {
    // Not there, or not somewhere the other host lets us read: another host.
    if (isOneKitError(err, 'HOST_FILE') || isOneKitError(err, 'PATH_REFUSED')) return false;
    throw err;
  } finally {
    await o.local.removeFile(probe);
  }
}
