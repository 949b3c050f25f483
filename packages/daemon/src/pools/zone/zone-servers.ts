// The servers of a zone: the voters are its SERVER_POOL (as in oned); servers still catching
// up (learners, which oned does not have) are kept beside it, in the zone's own
// system_attributes row RAFT_LEARNERS, so that SERVER_POOL keeps oned's shape and meaning.
import { OneKitError, element, readXmlDocument, renderXml, type XmlObject } from '@onekit/core';
import type { StorageReader, WriteOp, WriteTransaction } from '../../storage/index.js';
import type { ServerChange, ServerChangeWrites } from '../../write-path/index.js';
import type { Zone, ZoneServer } from './zone.js';
import { readZone, updateZoneWrite } from './zone-store.js';

/** A server of a zone as the Raft shell needs it. */
export interface ZoneMember {
  readonly id: number;
  readonly name: string;
  readonly endpoint: string;
}

export const RAFT_LEARNERS = 'RAFT_LEARNERS';

export function zoneMembers(zone: Zone): ZoneMember[] {
  return zone.servers
    .map((s) => ({ id: Number(s.ID), name: s.NAME ?? '', endpoint: s.ENDPOINT ?? '' }))
    .sort((a, b) => a.id - b.id);
}

/** oned's rule: the new server's id is the highest id in the zone plus one (0 first). */
export function nextServerId(zone: Zone, learners: readonly ZoneMember[] = []): number {
  const ids = [...zoneMembers(zone), ...learners].map((m) => m.id);
  return ids.length === 0 ? 0 : Math.max(...ids) + 1;
}

export function withServer(zone: Zone, member: ZoneMember): Zone {
  const server: ZoneServer = {
    ENDPOINT: member.endpoint,
    ID: String(member.id),
    NAME: member.name,
  };
  const others = zone.servers.filter((s) => Number(s.ID) !== member.id);
  return {
    ...zone,
    servers: [...others, server].sort((a, b) => Number(a.ID) - Number(b.ID)),
  };
}

export function withoutServer(zone: Zone, id: number): Zone {
  return { ...zone, servers: zone.servers.filter((s) => Number(s.ID) !== id) };
}

function learnersXml(learners: readonly ZoneMember[]): string {
  return renderXml(
    element(
      'LEARNERS',
      learners.map((l) =>
        element('SERVER', [
          element('ENDPOINT', l.endpoint),
          element('ID', l.id),
          element('NAME', l.name),
        ]),
      ),
    ),
  );
}

function parseLearners(body: string): ZoneMember[] {
  const doc = readXmlDocument(body, { root: 'LEARNERS', arrays: ['LEARNERS/SERVER'] });
  const root = doc.LEARNERS;
  const servers =
    typeof root === 'object' && root !== null ? ((root as XmlObject).SERVER ?? []) : [];
  return (servers as XmlObject[]).map((s) => ({
    id: Number(s.ID),
    name: String(s.NAME ?? ''),
    endpoint: String(s.ENDPOINT ?? ''),
  }));
}

/** The learners of this server's zone (empty when there are none). */
export async function readLearners(db: StorageReader): Promise<ZoneMember[]> {
  const [row] = await db.query('SELECT body FROM system_attributes WHERE name = ?', [
    RAFT_LEARNERS,
  ]);
  return row ? parseLearners(String(row.body)) : [];
}

function learnersWrite(learners: readonly ZoneMember[]): WriteOp {
  return {
    op: 'replace',
    table: 'system_attributes',
    row: { name: RAFT_LEARNERS, body: learnersXml(learners) },
  };
}

function memberOf(change: ServerChange): ZoneMember {
  if (change.name === undefined || change.endpoint === undefined) {
    throw new OneKitError('STORAGE', `server change ${change.type} needs NAME and ENDPOINT`, {
      field: 'server',
    });
  }
  return { id: change.id, name: change.name, endpoint: change.endpoint };
}

/**
 * What applying a server change writes on a server of zone `localZoneId`: the zone row
 * (for any zone: a federation master's entries reach every zone), and, for its own zone
 * only, the learners row.
 */
export function zoneServerChangeWrites(localZoneId: number): ServerChangeWrites {
  return async (tx: WriteTransaction, change: ServerChange) => {
    const zone = await readZone(tx, change.zoneId);
    if (zone === undefined) return [];
    const ops: WriteOp[] = [];
    if (change.type === 'promote') ops.push(updateZoneWrite(withServer(zone, memberOf(change))));
    if (change.type === 'remove') ops.push(updateZoneWrite(withoutServer(zone, change.id)));
    if (change.zoneId === localZoneId) {
      const learners = (await readLearners(tx)).filter((l) => l.id !== change.id);
      if (change.type === 'add-learner') learners.push(memberOf(change));
      ops.push(learnersWrite(learners.sort((a, b) => a.id - b.id)));
    }
    return ops;
  };
}
