import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { rowLine } from '../../src/backup/backup-format.js';
import { encodeRow, needsEscape } from '../../src/backup/row-encoding.js';
import { findTable } from '../../src/storage/index.js';

/** The reference: what JSON escapes, byte by byte. */
const escapedSomewhere = (bytes: Buffer) => bytes.some((b) => b < 0x20 || b === 0x22 || b === 0x5c);

/** Text with what JSON escapes, multi-byte characters and lone surrogates mixed in. */
const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', ' ', '\u007f', 'é', '€', '😀'),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
      fc.constant('x'.repeat(300)),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('backup/row encoding', () => {
  it('finds what JSON escapes wherever it lies, at any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), fc.nat(7), (bytes, lead, cut) => {
        const buffer = Buffer.alloc(bytes.length + lead + 8, 0x41);
        buffer.set(bytes, lead);
        const to = Math.max(lead, lead + bytes.length - cut);
        assert.equal(needsEscape(buffer, lead, to), escapedSomewhere(buffer.subarray(lead, to)));
      }),
      { numRuns: 2000 },
    );
    // A long run of plain bytes with one to escape near either end, or none.
    const plain = Buffer.alloc(1000, 0x61);
    assert.equal(needsEscape(plain, 1, 999), false);
    for (const at of [1, 2, 3, 4, 5, 500, 995, 996, 997, 998]) {
      for (const byte of [0x00, 0x1f, 0x22, 0x5c]) {
        const one = Buffer.from(plain);
        one[at] = byte;
        assert.equal(needsEscape(one, 1, 999), true, `${byte} at ${at}`);
      }
    }
    for (const byte of [0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xff]) {
      assert.equal(needsEscape(Buffer.alloc(200, byte), 0, 200), false, `${byte}`);
    }
  });

  it('writes the bytes rowLine gives, newline included, for any row', () => {
    const value = fc.oneof(
      fc.constant(null),
      text,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.maxSafeInteger(),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
    );
    const def = findTable('user_pool')!;
    fc.assert(
      fc.property(fc.array(value, { minLength: 8, maxLength: 8 }), fc.nat(50), (values, at) => {
        const expected = Buffer.from(rowLine(def, values) + '\n');
        const into = Buffer.alloc(at + expected.length * 6 + 16, 0xee);
        const end = encodeRow(into, at, def, values);
        assert.ok(into.subarray(at, end).equals(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('says when a row does not fit, for every room short of the line', () => {
    const def = findTable('user_pool')!;
    const values = [7, 'user "7"', '<USER>é</USER>', 1, 1, 1, 0, 0n];
    const line = Buffer.from(rowLine(def, values) + '\n');
    for (let room = 0; room < line.length; room++) {
      assert.equal(encodeRow(Buffer.alloc(room), 0, def, values), -1, `room ${room}`);
    }
    const exact = Buffer.alloc(line.length * 3);
    assert.ok(exact.subarray(0, encodeRow(exact, 0, def, values)).equals(line));
  });

  it('refuses a value JSON cannot carry, naming the column', () => {
    const def = findTable('user_pool')!;
    assert.throws(
      () => encodeRow(Buffer.alloc(1000), 0, def, [1, 'a', 'b', Infinity, 0, 0, 0, 0]),
      {
        code: 'DB_BACKUP',
        where: { field: 'user_pool.uid' },
      },
    );
  });
});
