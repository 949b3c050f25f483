// Who owns what in a slave zone's own zone object. The zone row is a federated table row
// (the master is its writer, every zone holds a copy), but the zone's servers and its
// enabled state belong to the zone itself: one.zone.addserver, delserver and enable must be
// sent to the zone's own endpoint, and the servers are the members of the zone's Raft.
//
// The rule:
// 1. The slave zone changes them first, as any zone does: its leader commits the membership
//    change in the zone's own Raft (or a solo server writes SERVER_POOL), or the new STATE.
// 2. It then publishes the resulting zone object to the master with one.zone.updatedb, so
//    the master's copy, and through the federation log every other zone's copy, agrees.
//    The published SERVER_POOL lists every server the zone's Raft knows, learners
//    included: a server is in the zone from the moment it was added, as oned shows it.
// 3. A zone row that comes back through the federation log for the slave's own zone never
//    replaces the local SERVER_POOL or STATE: the rest of the row (name, template) is the
//    master's, these two stay as the zone has them. A federated copy that is older than a
//    local membership change (published later, still in flight) therefore cannot undo it.
import type { WriteOp } from '../storage/index.js';
import {
  ZONE_TABLE,
  parseZoneBodyText,
  withServer,
  zoneXml,
  type Zone,
  type ZoneMember,
} from '../pools/zone/index.js';

/**
 * The zone object a slave publishes: its row, with SERVER_POOL set to the servers its
 * Raft knows (voters and learners), less `removed` (a server just deleted).
 */
export function ownZoneBody(
  zone: Zone,
  members: readonly ZoneMember[],
  o: { readonly removed?: number } = {},
): Zone {
  const known = new Set(members.filter((m) => m.id !== o.removed).map((m) => m.id));
  let body: Zone = { ...zone, servers: zone.servers.filter((s) => known.has(Number(s.ID))) };
  for (const member of members) {
    if (!known.has(member.id)) continue;
    if (!body.servers.some((s) => Number(s.ID) === member.id)) body = withServer(body, member);
  }
  return body;
}

function rowBody(op: WriteOp): unknown {
  if (op.op === 'update') return op.set.body;
  if (op.op === 'insert' || op.op === 'replace') return op.row.body;
  return undefined;
}

function rowId(op: WriteOp): unknown {
  if (op.op === 'update' || op.op === 'delete') return op.where.oid;
  return op.row.oid;
}

/**
 * A federated write as a slave of zone `zoneId` applies it: a write of its own zone's row
 * keeps the local SERVER_POOL and STATE (rule 3); every other write is returned as it is.
 */
export function keepOwnZoneMembership(
  op: WriteOp,
  o: { readonly zoneId: number; readonly local: Zone | undefined },
): WriteOp {
  if (op.table !== ZONE_TABLE || o.local === undefined) return op;
  if (Number(rowId(op)) !== o.zoneId) return op;
  const body = rowBody(op);
  if (typeof body !== 'string') return op;
  const incoming = parseZoneBodyText(body);
  const kept = zoneXml({ ...incoming, servers: o.local.servers, state: o.local.state });
  if (op.op === 'update') return { ...op, set: { ...op.set, body: kept } };
  if (op.op === 'delete') return op;
  return { ...op, row: { ...op.row, body: kept } };
}
