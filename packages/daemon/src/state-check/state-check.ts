// `onezone check`: the leader commits a check entry; each server, when it applies the
// entry, hashes its state right there (the same point of the log on every server) and
// keeps the result in its system_attributes row STATE_CHECK, which onekit.zone.statehash
// reads back.
import type { StorageReader, WriteOp, WriteTransaction } from '../storage/index.js';
import { stateHash } from './state-hash.js';

export const STATE_CHECK = 'STATE_CHECK';

export interface StateCheck {
  readonly index: bigint;
  readonly hash: string;
}

export async function stateCheckWrites(tx: WriteTransaction, index: bigint): Promise<WriteOp[]> {
  const hash = await stateHash(tx);
  const body = `<STATE_CHECK><INDEX>${index}</INDEX><HASH>${hash}</HASH></STATE_CHECK>`;
  return [{ op: 'replace', table: 'system_attributes', row: { name: STATE_CHECK, body } }];
}

export async function readStateCheck(db: StorageReader): Promise<StateCheck | undefined> {
  const [row] = await db.query('SELECT body FROM system_attributes WHERE name = ?', [STATE_CHECK]);
  const match = /<INDEX>(\d+)<\/INDEX><HASH>([0-9a-f]{64})<\/HASH>/.exec(String(row?.body ?? ''));
  return match ? { index: BigInt(match[1]!), hash: match[2]! } : undefined;
}
