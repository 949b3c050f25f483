// The zlib streams of logdb.sqlcmd: short text stored, longer text compressed, both read by
// any inflater; and streams made elsewhere (zlib's own stored blocks, compressed ones) read
// back here, a damaged one refused.
import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { STORE_BELOW, zlibDecode, zlibEncode } from '../../src/write-path/zlib-stream.js';

const text = (bytes: number) => 'x'.repeat(bytes);

describe('write-path/zlib-stream', () => {
  it('stores short text, compresses longer text, and zlib reads both', () => {
    for (const bytes of [0, 1, 631, STORE_BELOW - 1, STORE_BELOW, 100_000]) {
      const stream = zlibEncode(text(bytes));
      assert.equal(inflateSync(stream).toString('utf8'), text(bytes), `${bytes} bytes`);
      assert.equal(zlibDecode(stream), text(bytes));
      // Stored: the bytes plus 11 of framing; compressed: far fewer than the text.
      if (bytes < STORE_BELOW) assert.equal(stream.length, bytes + 11);
      else assert.ok(stream.length < bytes / 4, `${bytes} bytes compressed`);
    }
  });

  it('reads back any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3 * STORE_BELOW }), (t) => {
        assert.equal(zlibDecode(zlibEncode(t)), t);
        assert.equal(inflateSync(zlibEncode(t)).toString('utf8'), t);
      }),
    );
  });

  it("reads zlib's own streams, stored blocks over 64 KiB included", () => {
    const long = Array.from({ length: 40_000 }, (_, i) => `${i * 7919}`).join(',');
    for (const level of [0, 1, 9]) {
      assert.equal(zlibDecode(deflateSync(long, { level })), long, `level ${level}`);
    }
  });

  it('refuses a stream with a damaged byte', () => {
    const stream = zlibEncode('{"v":1,"ops":[]}');
    for (let i = 0; i < stream.length; i++) {
      const damaged = Buffer.from(stream);
      damaged[i]! ^= 0x01;
      assert.throws(() => zlibDecode(damaged), Error, `byte ${i}`);
    }
  });
});
