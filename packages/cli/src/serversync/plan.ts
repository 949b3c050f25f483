// The serversync plan: from both hosts' inventories of their configuration directories and
// the sync list, what each file's status is, what a sync does with it and which services
// restart. A plain function over data (no I/O): dry runs, diffs and syncs all start here.
import { parseOnedConf } from '@onekit/core';
import type { HostFile } from '../transport/host-transport.js';
import { isPerHostFile, type NodeLocalRule } from './node-local.js';
import { onedConfInSync } from './oned-conf/oned-conf-sync.js';
import { entryFor, onedConfEntry, type SyncEntry, type SyncList } from './sync-list.js';

/** `same` alone; `only-here`/`only-there` alone; else one or more of the three changes. */
export type FileStatus =
  'same' | 'only-here' | 'only-there' | 'differs' | 'mode-differs' | 'owner-differs';

/**
 * none: nothing to do. write: this host gets the other server's file (content, mode,
 * owner). remove: deleted here (--delete). keep: only here and left alone. skip: differs
 * but is a symbolic link, which serversync does not copy.
 */
export type FileAction = 'none' | 'write' | 'remove' | 'keep' | 'skip';

export interface PlannedFile {
  /** Relative to the configuration directory. */
  readonly path: string;
  readonly status: readonly FileStatus[];
  readonly action: FileAction;
  readonly services: readonly string[];
  /** The file here and there, as each inventory lists it. */
  readonly here?: HostFile;
  readonly there?: HostFile;
  /** oned.conf: what is written is the other server's text with this host's node-local keys. */
  readonly merge?: 'oned-conf';
}

export interface HostSide {
  /** How the host is named in messages. */
  readonly host: string;
  /** Its configuration directory (absolute). */
  readonly etc: string;
  /** Every file under `etc`, as listFiles returns them. */
  readonly files: readonly HostFile[];
  /** The text of its oned.conf, when it has one. */
  readonly onedConf?: string;
}

export interface PlanInput {
  readonly list: SyncList;
  readonly here: HostSide;
  readonly there: HostSide;
  readonly rules: readonly NodeLocalRule[];
  /** Remove files found only here, inside synced folders. */
  readonly delete: boolean;
}

export interface SyncPlan {
  readonly release: SyncList['release'];
  readonly source: string;
  readonly server: string;
  readonly here: { readonly host: string; readonly etc: string };
  readonly there: { readonly host: string; readonly etc: string };
  readonly files: readonly PlannedFile[];
  /** Services to try-restart after a sync: those of files written or removed. */
  readonly services: readonly string[];
  /** Nothing to write, remove or skip. */
  readonly inSync: boolean;
  /** FEDERATION/ZONE_ID of each oned.conf (STANDALONE is zone 0). */
  readonly zones?: { readonly here: number; readonly there: number };
  /** Why a sync must not run, when it must not. */
  readonly refusal?: string;
}

export function planServerSync(input: PlanInput): SyncPlan {
  const { list, here, there } = input;
  const hereByPath = synced(list, here.files);
  const thereByPath = synced(list, there.files);
  const order = (path: string) => list.entries.indexOf(entryFor(list, path)!);
  const paths = [...new Set([...hereByPath.keys(), ...thereByPath.keys()])].sort(
    (a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const files = paths.map((path) =>
    planFile({
      path,
      entry: entryFor(list, path)!,
      here: hereByPath.get(path),
      there: thereByPath.get(path),
      input,
    }),
  );
  const services = [
    ...new Set(
      files.filter((f) => f.action === 'write' || f.action === 'remove').flatMap((f) => f.services),
    ),
  ];
  const onedConf = onedConfEntry(list).path;
  const zones = zonesOf(here, there, onedConf);
  return {
    release: list.release,
    source: list.source,
    server: there.host,
    here: { host: here.host, etc: here.etc },
    there: { host: there.host, etc: there.etc },
    files,
    services,
    inSync: files.every((f) => f.action === 'none' || f.action === 'keep'),
    ...(zones ? { zones } : {}),
    ...refusalOf({ here, there, zones, onedConf }),
  };
}

function synced(list: SyncList, files: readonly HostFile[]): Map<string, HostFile> {
  return new Map(
    files
      .filter((f) => entryFor(list, f.path) !== undefined && !isPerHostFile(f.path))
      .map((f) => [f.path, f]),
  );
}

interface FileInput {
  path: string;
  entry: SyncEntry;
  here: HostFile | undefined;
  there: HostFile | undefined;
  input: PlanInput;
}

function planFile({ path, entry, here, there, input }: FileInput): PlannedFile {
  const base = {
    path,
    services: entry.services,
    ...(here ? { here } : {}),
    ...(there ? { there } : {}),
    ...(entry.merge ? { merge: entry.merge } : {}),
  };
  if (!there) {
    // As rsync without --delete: extra files here survive; --delete removes them from
    // synced folders only (a listed file missing there is never deleted here).
    const remove = input.delete && entry.kind === 'folder' && here!.kind === 'file';
    return { ...base, status: ['only-here'], action: remove ? 'remove' : 'keep' };
  }
  if (!here) {
    return { ...base, status: ['only-there'], action: there.kind === 'file' ? 'write' : 'skip' };
  }
  const status: FileStatus[] = [];
  if (!sameContent(here, there, entry, input)) status.push('differs');
  if (here.kind === 'file' && there.kind === 'file' && here.mode !== there.mode) {
    status.push('mode-differs');
  }
  if (here.uid !== there.uid || here.gid !== there.gid) status.push('owner-differs');
  if (status.length === 0) return { ...base, status: ['same'], action: 'none' };
  const links = here.kind === 'symlink' || there.kind === 'symlink';
  return { ...base, status, action: links ? 'skip' : 'write' };
}

function sameContent(here: HostFile, there: HostFile, entry: SyncEntry, input: PlanInput) {
  if (here.kind !== there.kind) return false;
  if (entry.merge !== 'oned-conf' || here.kind !== 'file') return here.sha256 === there.sha256;
  return onedConfInSync(
    {
      remote: {
        text: textOf(input.there),
        file: `${input.there.host}:${input.there.etc}/${there.path}`,
      },
      local: { text: textOf(input.here), file: `${input.here.etc}/${here.path}` },
    },
    input.rules,
  );
}

function textOf(side: HostSide): string {
  if (side.onedConf === undefined) {
    throw new Error(`the oned.conf of ${side.host} is listed but its text was not read`);
  }
  return side.onedConf;
}

function zonesOf(here: HostSide, there: HostSide, onedConf: string): SyncPlan['zones'] {
  if (here.onedConf === undefined || there.onedConf === undefined) return undefined;
  const zoneOf = (text: string, file: string) => parseOnedConf(text, { file }).federation.zoneId;
  return {
    here: zoneOf(here.onedConf, `${here.etc}/${onedConf}`),
    there: zoneOf(there.onedConf, `${there.host}:${there.etc}/${onedConf}`),
  };
}

function refusalOf(o: {
  here: HostSide;
  there: HostSide;
  zones: SyncPlan['zones'];
  onedConf: string;
}): { refusal?: string } {
  const { here, there, zones, onedConf } = o;
  if (here.onedConf === undefined) {
    return { refusal: `this host has no ${onedConf} in ${here.etc}: it is not a front-end` };
  }
  if (there.onedConf === undefined) {
    return { refusal: `${there.host} has no ${onedConf} in ${there.etc}: it is not a front-end` };
  }
  if (zones && zones.here !== zones.there) {
    return {
      refusal: `${there.host} is in zone ${zones.there} and this host in zone ${zones.here}: serversync only copies between servers of one zone`,
    };
  }
  return {};
}
