// What a host runs: OneKit's release, its database schema and its operating system.
import { readFile } from 'node:fs/promises';
import type { OnePaths } from '@onekit/core';
import type { VersionsResult } from '../protocol/index.js';
import { osNameOf } from './os-release.js';
import { readSchemaVersions } from './schema-versions.js';

/** The agent package's release (one version for every OneKit package). */
export async function onekitVersion(): Promise<string> {
  // src/versions and dist/versions both sit two levels below the package.
  const manifest = new URL('../../package.json', import.meta.url);
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  return version;
}

export interface HostVersionsOptions {
  readonly paths: OnePaths;
  readonly platform: string;
  readonly release: string;
  /** The text of /etc/os-release, if the host has one. */
  readonly osRelease: () => Promise<string | undefined>;
  /** What `onedb version` prints, for a database SQLite cannot read (MySQL); undefined if it fails. */
  readonly onedbVersion?: () => Promise<string | undefined>;
}

/** `Shared: 7.6.0` and `Local:  7.6.0` of `onedb version`. */
export function schemaOfOnedbVersion(text: string): { shared: string; local: string } | undefined {
  const shared = /^Shared:\s*(\S+)/m.exec(text)?.[1];
  const local = /^Local:\s*(\S+)/m.exec(text)?.[1];
  return shared !== undefined && local !== undefined ? { shared, local } : undefined;
}

export async function hostVersions(o: HostVersionsOptions): Promise<VersionsResult> {
  let schema = await readSchemaVersions(o.paths);
  if (schema === undefined && o.onedbVersion) {
    const text = await o.onedbVersion();
    schema = text === undefined ? undefined : schemaOfOnedbVersion(text);
  }
  const osText = await o.osRelease();
  const name = osText === undefined ? undefined : osNameOf(osText);
  return {
    onekit: await onekitVersion(),
    ...(schema ? { schema } : {}),
    os: { platform: o.platform, release: o.release, ...(name ? { name } : {}) },
  };
}

/** Reads /etc/os-release (or another file), undefined when it does not exist. */
export async function readOsRelease(file = '/etc/os-release'): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
