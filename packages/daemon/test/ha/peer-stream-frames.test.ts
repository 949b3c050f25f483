// The frames of a Raft stream: payloads come out as they went in, however the bytes are cut,
// and a frame that was changed, dropped, repeated or is over the limit ends the stream.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  FrameError,
  FrameReader,
  FrameWriter,
  helloLine,
  newNonce,
  parseHello,
  streamKey,
} from '../../src/ha/peer-stream-frames.js';

const KEY = Buffer.alloc(32, 3);
const LIMIT = 1 << 20;

function bytes(...frames: [Buffer, Buffer][]): Buffer {
  return Buffer.concat(frames.flat());
}

/** Feeds `stream` to a reader in pieces cut at `cuts` (positions, any order). */
function readAll(stream: Buffer, cuts: number[], key = KEY): string[] {
  const reader = new FrameReader(key, LIMIT);
  const at = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const to of [...at, stream.length]) {
    out.push(...reader.push(stream.subarray(from, to)).map((p) => p.toString('utf8')));
    from = to;
  }
  return out;
}

describe('ha/peer-stream-frames', () => {
  it('gives back every payload in order, however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (payloads, cuts) => {
          const writer = new FrameWriter(KEY);
          const stream = bytes(...payloads.map((p) => writer.frame(p)));
          assert.deepEqual(readAll(stream, cuts), payloads);
        },
      ),
    );
  });

  it('signs frame n with the first 16 bytes of HMAC-SHA256(key, n as 8 bytes || payload)', () => {
    // 32 bytes (a stream key), a short key, and keys longer than SHA-256's 64-byte block.
    for (const key of [KEY, Buffer.from('k'), Buffer.alloc(64, 9), Buffer.alloc(65, 9)]) {
      const writer = new FrameWriter(key);
      for (const [n, body] of ['', 'a', '{"messages":[]}', 'é'.repeat(500)].entries()) {
        const [header, payload] = writer.frame(body);
        const number = Buffer.alloc(8);
        number.writeBigUInt64BE(BigInt(n));
        const hmac = createHmac('sha256', key).update(number).update(payload).digest();
        assert.equal(header.readUInt32BE(0), Buffer.byteLength(body));
        assert.deepEqual(
          header.subarray(4),
          hmac.subarray(0, 16),
          `key of ${key.length}, frame ${n}`,
        );
      }
    }
  });

  it('refuses a changed byte anywhere in a frame', () => {
    const writer = new FrameWriter(KEY);
    const stream = bytes(writer.frame('{"messages":[]}'));
    for (let i = 4; i < stream.length; i++) {
      const changed = Buffer.from(stream);
      changed[i]! ^= 0x01;
      assert.throws(() => readAll(changed, []), FrameError, `byte ${i}`);
    }
  });

  it('refuses a frame dropped, repeated or signed with another key', () => {
    const writer = new FrameWriter(KEY);
    const [a, b, c] = ['one', 'two', 'three'].map((p) => writer.frame(p));
    assert.deepEqual(readAll(bytes(a!, b!, c!), []), ['one', 'two', 'three']);
    assert.throws(() => readAll(bytes(a!, c!), []), /not signed/);
    assert.throws(() => readAll(bytes(a!, a!), []), /not signed/);
    assert.throws(() => readAll(bytes(a!), [], Buffer.alloc(32, 4)), /not signed/);
  });

  it('refuses a frame over the limit from its length alone', () => {
    const reader = new FrameReader(KEY, 10);
    const header = Buffer.alloc(20);
    header.writeUInt32BE(11, 0);
    assert.throws(() => reader.push(header), /11 bytes is over the limit of 10/);
  });

  it('keys each stream with both nonces', () => {
    const hello = { zone: 0, from: 1, to: 2, nonce: newNonce() };
    const line = helloLine(hello);
    assert.deepEqual(parseHello(line), hello);
    assert.equal(parseHello(`${line} extra`), undefined);
    assert.equal(parseHello('0 1 2 not-a-nonce'), undefined);
    const one = streamKey(KEY, line, newNonce());
    const two = streamKey(KEY, line, newNonce());
    assert.notDeepEqual(one, two);
  });
});
