// Messages between the servers of a zone are authenticated with an HMAC-SHA256 of the body,
// keyed by a digest of oneadmin's credentials: the servers of a zone share them (the HA
// procedure copies the .one directory), as oned relies on for its replicate/vote calls.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const PEER_AUTH_SCHEME = 'OneKit-Raft';

export function peerKey(oneadminSecret: string): Buffer {
  return createHash('sha256').update(`onekit-raft\0${oneadminSecret}`).digest();
}

export function signPeerBody(key: Buffer, body: string | Uint8Array): string {
  return `${PEER_AUTH_SCHEME} ${createHmac('sha256', key).update(body).digest('hex')}`;
}

export function verifyPeerBody(key: Buffer, body: Uint8Array, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signPeerBody(key, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
