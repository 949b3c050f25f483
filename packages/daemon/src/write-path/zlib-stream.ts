// The zlib streams (RFC 1950) that hold logdb.sqlcmd. Building a zlib compressor costs more
// than compressing a few hundred bytes: most entries (one object's row and a counter) are
// that small, so text under STORE_BELOW bytes is written as stored deflate blocks (RFC 1951
// §3.2.4: the bytes as they are, framed, with the stream's Adler-32), and only longer text
// is compressed. Either is a zlib stream every inflater reads. Reading takes the stored
// blocks apart here and hands anything else to zlib.
import { constants, deflateSync, inflateSync } from 'node:zlib';

/** Text shorter than this is stored, not compressed. */
export const STORE_BELOW = 1024;
const MAX_STORED_BLOCK = 0xffff;
/** CMF 0x78 (deflate, 32K window), FLG 0x01 (fastest, no dictionary, check bits). */
const HEADER = [0x78, 0x01];

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 is the most bytes before the sums can pass 2^32 (zlib's NMAX).
  for (let at = 0; at < data.length; at += 5552) {
    const end = Math.min(data.length, at + 5552);
    for (let i = at; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function stored(data: Buffer): Buffer {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK));
  const out = Buffer.allocUnsafe(2 + blocks * 5 + data.length + 4);
  out[0] = HEADER[0]!;
  out[1] = HEADER[1]!;
  let at = 2;
  for (let block = 0; block < blocks; block++) {
    const from = block * MAX_STORED_BLOCK;
    const length = Math.min(MAX_STORED_BLOCK, data.length - from);
    out[at] = block === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00
    out.writeUInt16LE(length, at + 1);
    out.writeUInt16LE(~length & 0xffff, at + 3);
    data.copy(out, at + 5, from, from + length);
    at += 5 + length;
  }
  out.writeUInt32BE(adler32(data), at);
  return out;
}

/** `text` as a zlib stream. */
export function zlibEncode(text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  return data.length < STORE_BELOW
    ? stored(data)
    : deflateSync(data, { level: constants.Z_BEST_SPEED });
}

/** The bytes of a stream made of stored blocks only, or undefined for any other stream. */
function unstore(stream: Buffer): Buffer | undefined {
  if (stream.length < 11 || stream[0] !== HEADER[0] || ((stream[0] << 8) | stream[1]!) % 31 !== 0)
    return undefined;
  if (stream[1]! & 0x20) return undefined; // a preset dictionary
  const parts: Buffer[] = [];
  let at = 2;
  for (;;) {
    const head = stream[at];
    if ((head !== 0 && head !== 1) || at + 5 > stream.length) return undefined;
    const length = stream.readUInt16LE(at + 1);
    if ((stream.readUInt16LE(at + 3) ^ 0xffff) !== length || at + 5 + length > stream.length)
      return undefined;
    parts.push(stream.subarray(at + 5, at + 5 + length));
    at += 5 + length;
    if (head === 1) break;
  }
  if (at + 4 !== stream.length) return undefined;
  const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return adler32(data) === stream.readUInt32BE(at) ? data : undefined;
}

/** The text of a zlib stream; throws on a stream zlib cannot read either. */
export function zlibDecode(stream: Buffer): string {
  return (unstore(stream) ?? inflateSync(stream)).toString('utf8');
}
