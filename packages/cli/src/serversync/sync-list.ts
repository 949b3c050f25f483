// What `onezone serversync` copies from the other front-end, per OpenNebula release: the
// files and folders under the configuration directory and the service each one belongs to.
// The lists are those of upstream's serversync in each release line; nothing else in OneKit
// names these files.

export const syncReleases = ['7', '6', '5.12'] as const;
export type SyncRelease = (typeof syncReleases)[number];

export const defaultSyncRelease: SyncRelease = '7';

export interface SyncEntry {
  /** Relative to the configuration directory, `/`-separated. */
  readonly path: string;
  /** A folder covers every file below it, at any depth. */
  readonly kind: 'file' | 'folder';
  /** Services to try-restart when something under this entry changed. */
  readonly services: readonly string[];
  /**
   * oned.conf is not copied whole: the other server's text is taken with this host's
   * node-local keys put back (see node-local.ts).
   */
  readonly merge?: 'oned-conf';
}

export interface SyncList {
  readonly release: SyncRelease;
  /** The upstream release line the list comes from. */
  readonly source: string;
  readonly entries: readonly SyncEntry[];
}

const file = (path: string, ...services: string[]): SyncEntry => ({
  path,
  kind: 'file',
  services,
});
const folder = (path: string, ...services: string[]): SyncEntry => ({
  path,
  kind: 'folder',
  services,
});
const onedConf: SyncEntry = {
  path: 'oned.conf',
  kind: 'file',
  services: ['opennebula'],
  merge: 'oned-conf',
};

const release7: readonly SyncEntry[] = [
  onedConf,
  file('monitord.conf', 'opennebula'),
  file('oneflow-server.conf', 'opennebula-flow'),
  file('onegate-server.conf', 'opennebula-gate'),
  folder('auth', 'opennebula'),
  folder('hm', 'opennebula'),
  folder('vmm_exec', 'opennebula'),
  folder('schedulers', 'opennebula'),
];

// 6.x adds the cloud drivers, the old scheduler and Sunstone's files; its folders are the
// 7.x ones without `schedulers`, plus `sunstone-views` (listed upstream for both services).
const release6: readonly SyncEntry[] = [
  onedConf,
  file('monitord.conf', 'opennebula'),
  file('oneflow-server.conf', 'opennebula-flow'),
  file('onegate-server.conf', 'opennebula-gate'),
  file('az_driver.conf', 'opennebula'),
  file('az_driver.default', 'opennebula'),
  file('ec2_driver.conf', 'opennebula'),
  file('ec2_driver.default', 'opennebula'),
  file('sched.conf', 'opennebula'),
  file('vcenter_driver.default', 'opennebula'),
  file('sunstone-logos.yaml', 'opennebula-sunstone'),
  file('sunstone-server.conf', 'opennebula-sunstone'),
  folder('sunstone-views', 'opennebula-sunstone', 'opennebula'),
  folder('auth', 'opennebula'),
  folder('hm', 'opennebula'),
  folder('vmm_exec', 'opennebula'),
];

// 5.12 is 6.x plus the EC2 Query server (econe), removed in 6.0.
const release512: readonly SyncEntry[] = [
  ...release6.filter((e) => e.kind === 'file'),
  file('econe.conf', 'opennebula-econe'),
  ...release6.filter((e) => e.kind === 'folder'),
  folder('ec2query_templates', 'opennebula'),
];

const lists: Record<SyncRelease, SyncList> = {
  '7': { release: '7', source: 'OpenNebula 7.x', entries: release7 },
  '6': { release: '6', source: 'OpenNebula 6.0 to 6.10', entries: release6 },
  '5.12': { release: '5.12', source: 'OpenNebula 5.12', entries: release512 },
};

export function syncList(release: SyncRelease = defaultSyncRelease): SyncList {
  return lists[release];
}

export function isSyncRelease(value: string): value is SyncRelease {
  return (syncReleases as readonly string[]).includes(value);
}

/** The entry a file (relative path) falls under, if any: an exact file or a folder above it. */
export function entryFor(list: SyncList, path: string): SyncEntry | undefined {
  return list.entries.find((entry) =>
    entry.kind === 'file' ? entry.path === path : path.startsWith(`${entry.path}/`),
  );
}

/** The entry whose file is merged rather than copied (oned.conf). */
export function onedConfEntry(list: SyncList): SyncEntry {
  const entry = list.entries.find((e) => e.merge === 'oned-conf');
  if (!entry) throw new Error(`the ${list.source} sync list has no oned.conf entry`);
  return entry;
}
