// The stream between two servers of a zone: one TCP connection per direction, opened as an
// HTTP upgrade on the receiver's XML-RPC address, then a sequence of frames. It replaces a
// POST per batch (and the 204 that answered it) with one write.
//
// Opening (the sender asks, the receiver answers):
//   GET /raft/v1 HTTP/1.1
//   Connection: Upgrade
//   Upgrade: onekit-raft/1
//   X-OneKit-Raft-Hello: <zone> <from> <to> <nonce>
//   Authorization: OneKit-Raft <HMAC of the hello line, as a POST body is signed>
//
//   HTTP/1.1 101 Switching Protocols
//   Upgrade: onekit-raft/1
//   X-OneKit-Raft-Nonce: <the receiver's nonce>
//
// Both nonces are 16 random bytes in hex. The frames are authenticated with a key of this
// stream alone, HMAC(zone key, "frames\0" hello "\0" receiver nonce): a recorded stream
// cannot be played to the receiver again, since it answers a hello with a fresh nonce.
//
// A frame: payload length (4 bytes, big-endian), the first 16 bytes of
// HMAC-SHA256(stream key, frame number as 8 bytes big-endian || payload), the payload (a
// peer batch as peer-wire.ts writes it). Frames are numbered from 0 on each stream, so one
// dropped, repeated or moved breaks the stream. The receiver writes one byte back now and
// then (at most every ACK_INTERVAL_MS, and within that of any frame): the sender learns the
// stream still reaches the other side.
import { createHash, createHmac, randomBytes, timingSafeEqual, type Hash } from 'node:crypto';

export const STREAM_PROTOCOL = 'onekit-raft/1';
export const HELLO_HEADER = 'x-onekit-raft-hello';
export const NONCE_HEADER = 'x-onekit-raft-nonce';
const MAC_BYTES = 16;
const HEADER_BYTES = 4 + MAC_BYTES;
const SHA256_BLOCK_BYTES = 64;
export const ACK = Buffer.from([0x06]);

export interface Hello {
  readonly zone: number;
  readonly from: number;
  readonly to: number;
  readonly nonce: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function helloLine(h: Hello): string {
  return `${h.zone} ${h.from} ${h.to} ${h.nonce}`;
}

export function parseHello(line: string | undefined): Hello | undefined {
  const m = /^(\d{1,9}) (\d{1,9}) (\d{1,9}) ([0-9a-f]{32})$/.exec(line ?? '');
  if (!m) return undefined;
  return { zone: Number(m[1]), from: Number(m[2]), to: Number(m[3]), nonce: m[4]! };
}

export function isNonce(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);
}

export function streamKey(zoneKey: Buffer, hello: string, receiverNonce: string): Buffer {
  return createHmac('sha256', zoneKey).update(`frames\0${hello}\0${receiverNonce}`).digest();
}

/**
 * HMAC-SHA256 of (frame number, payload) under one stream key. The key's inner and outer
 * blocks are hashed once, and each frame continues copies of them rather than setting the
 * key up again (in a follower's profile, hashing fell from 9.4 % of its CPU to about 3.6 %).
 */
class FrameMac {
  private readonly inner: Hash;
  private readonly outer: Hash;

  constructor(key: Buffer) {
    const block = Buffer.alloc(SHA256_BLOCK_BYTES);
    (key.length > SHA256_BLOCK_BYTES ? createHash('sha256').update(key).digest() : key).copy(block);
    this.inner = createHash('sha256').update(block.map((b) => b ^ 0x36));
    this.outer = createHash('sha256').update(block.map((b) => b ^ 0x5c));
  }

  of(seq: bigint, payload: Uint8Array): Buffer {
    const number = Buffer.allocUnsafe(8);
    number.writeBigUInt64BE(seq);
    const inner = this.inner.copy().update(number).update(payload).digest();
    return this.outer.copy().update(inner).digest().subarray(0, MAC_BYTES);
  }
}

/** Numbers and signs the frames of one stream. */
export class FrameWriter {
  private seq = 0n;
  private readonly mac: FrameMac;

  constructor(key: Buffer) {
    this.mac = new FrameMac(key);
  }

  /** The frame's header and payload, to be written in this order. */
  frame(body: string): [Buffer, Buffer] {
    const payload = Buffer.from(body, 'utf8');
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    header.writeUInt32BE(payload.length, 0);
    this.mac.of(this.seq++, payload).copy(header, 4);
    return [header, payload];
  }
}

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

/** Cuts the bytes of one stream into verified payloads; throws FrameError on a bad frame. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private seq = 0n;
  private readonly mac: FrameMac;

  constructor(
    key: Buffer,
    private readonly maxPayloadBytes: number,
  ) {
    this.mac = new FrameMac(key);
  }

  /** The payloads completed by `chunk`, in order. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    const payloads: Buffer[] = [];
    while (this.size >= HEADER_BYTES) {
      const length = this.peekLength();
      if (length > this.maxPayloadBytes) {
        throw new FrameError(
          `a frame of ${length} bytes is over the limit of ${this.maxPayloadBytes}`,
        );
      }
      if (this.size < HEADER_BYTES + length) break;
      const frame = this.take(HEADER_BYTES + length);
      const payload = frame.subarray(HEADER_BYTES);
      if (!timingSafeEqual(frame.subarray(4, HEADER_BYTES), this.mac.of(this.seq++, payload))) {
        throw new FrameError('a frame is not signed with this stream key');
      }
      payloads.push(payload);
    }
    return payloads;
  }

  private peekLength(): number {
    const first = this.chunks[0]!;
    const head = first.length >= 4 ? first : Buffer.concat(this.chunks, HEADER_BYTES);
    return head.readUInt32BE(0);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    this.size -= n;
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const chunk = this.chunks[0]!;
      const part = Math.min(chunk.length, n - at);
      chunk.copy(out, at, 0, part);
      at += part;
      if (part === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(part);
    }
    return out;
  }
}
