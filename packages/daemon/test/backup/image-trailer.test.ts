import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import {
  decodeTrailer,
  encodeTrailer,
  factsBytes,
  parseFacts,
  TRAILER_BYTES,
  type ImageFacts,
} from '../../src/backup/image-trailer.js';

const facts: ImageFacts = {
  kind: 'full',
  backend: 'sqlite',
  shared: '7.6.0',
  local: null,
  created: '2026-01-02T03:04:05.000Z',
  rows: { user_pool: 3, logdb: 0 },
};

const trailers = fc.record({
  imageBytes: fc.integer({ min: 0, max: 2 ** 40 }),
  factsBytes: fc.integer({ min: 0, max: 2 ** 20 }),
  sha256: fc
    .uint8Array({ minLength: 32, maxLength: 32 })
    .map((b) => Buffer.from(b).toString('hex')),
});

describe('backup/image-trailer', () => {
  it('decodes what it encodes, for a file of the length the trailer says (property)', () => {
    fc.assert(
      fc.property(trailers, (trailer) => {
        const bytes = encodeTrailer(trailer);
        assert.equal(bytes.length, TRAILER_BYTES);
        const fileBytes = trailer.imageBytes + trailer.factsBytes + TRAILER_BYTES;
        assert.deepEqual(decodeTrailer(bytes, { file: 'f', fileBytes }), { ...trailer });
      }),
    );
  });

  it('calls a file truncated when its length or its trailer does not fit (property)', () => {
    fc.assert(
      fc.property(
        trailers,
        fc.integer({ min: 1, max: TRAILER_BYTES }),
        fc.integer({ min: 1, max: 4096 }),
        (trailer, cut, off) => {
          const bytes = encodeTrailer(trailer);
          const fileBytes = trailer.imageBytes + trailer.factsBytes + TRAILER_BYTES;
          const truncated = { code: 'DB_BACKUP', where: { file: 'f', field: 'end' } };
          // The file lost its last bytes: what is left at its end is no trailer.
          assert.throws(
            () => decodeTrailer(bytes.subarray(0, -cut), { file: 'f', fileBytes: fileBytes - cut }),
            truncated,
          );
          // The trailer is whole, but the file is shorter or longer than it says.
          for (const length of [fileBytes - off, fileBytes + off]) {
            assert.throws(() => decodeTrailer(bytes, { file: 'f', fileBytes: length }), truncated);
          }
        },
      ),
    );
  });

  it('reads back the facts it writes, and refuses facts that are not an image of SQLite', () => {
    assert.deepEqual(parseFacts(factsBytes(facts), 'f'), facts);
    const json = JSON.parse(factsBytes(facts).toString());
    const refused = (changed: object) => () =>
      parseFacts(Buffer.from(JSON.stringify({ ...json, ...changed })), 'f');
    assert.throws(refused({ backend: 'mysql' }), {
      code: 'DB_BACKUP',
      where: { file: 'f', field: 'kind' },
    });
    assert.throws(refused({ version: 1 }), {
      code: 'DB_BACKUP',
      where: { file: 'f', field: 'version' },
    });
    assert.throws(refused({ rows: { 'x; DROP': 1 } }), {
      code: 'DB_BACKUP',
      where: { file: 'f', field: 'rows' },
    });
    assert.throws(refused({ rows: { user_pool: -1 } }), {
      code: 'DB_BACKUP',
      where: { file: 'f', field: 'rows.user_pool' },
    });
  });
});
