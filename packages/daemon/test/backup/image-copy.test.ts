import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import {
  CHUNK_BYTES,
  hashAndCopy,
  PROGRESS_EVERY_BYTES,
  type ImageProgress,
} from '../../src/backup/image-copy.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('backup/hashed copy of an image', function () {
  this.timeout(60_000);
  let dir: string;
  let counter = 0;
  const newFile = (content?: Buffer) => {
    const file = join(dir, `${++counter}.bin`);
    if (content) writeFileSync(file, content);
    return file;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'onekit-image-copy-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Copies the first `copied` of `read` bytes of `content`, around the page cache or not;
   * the hash and the copy.
   */
  async function copy(content: Buffer, read: number, copied: number, direct: boolean) {
    const from = openSync(newFile(content), 'r');
    const target = newFile();
    const to = openSync(target, 'w');
    const hash = createHash('sha256');
    try {
      await hashAndCopy({
        from,
        bytes: read,
        hash,
        to: { fd: to, file: target, bytes: copied, direct },
        endedAt: (position) => new Error(`ended at ${position}`),
      });
    } finally {
      closeSync(from);
      closeSync(to);
    }
    return { sha256: hash.digest('hex'), copy: readFileSync(target) };
  }

  it('hashes every byte read and writes the first bytes asked for, whatever the sizes', async () => {
    // Sizes around the chunk and the ring of chunks in flight, where the bookkeeping turns.
    const size = fc.oneof(
      fc.integer({ min: 1, max: 3 * CHUNK_BYTES }),
      fc.integer({ min: -2, max: 2 }).map((d) => 8 * CHUNK_BYTES + d),
    );
    await fc.assert(
      fc.asyncProperty(size, fc.nat(), fc.boolean(), async (bytes, seed, direct) => {
        const content = Buffer.alloc(bytes + 100, seed % 251);
        content.writeUInt32BE(seed, 0);
        const copied = Math.max(0, bytes - (seed % 1000));
        const result = await copy(content, bytes, copied, direct);
        assert.equal(result.sha256, sha256(content.subarray(0, bytes)));
        assert.ok(result.copy.equals(content.subarray(0, copied)));
      }),
      { numRuns: 12 },
    );
  });

  it('patches chunks before hashing and writing them, and reports progress against the total', async () => {
    const content = Buffer.alloc(PROGRESS_EVERY_BYTES * 2 + 5, 1);
    const from = openSync(newFile(content), 'r');
    const target = newFile();
    const to = openSync(target, 'w');
    const hash = createHash('sha256');
    const reports: ImageProgress[] = [];
    try {
      await hashAndCopy({
        from,
        bytes: content.length,
        hash,
        to: { fd: to, file: target, bytes: content.length, direct: true },
        patch: (chunk, position) => {
          if (position === 0) chunk[18] = 9;
        },
        progress: { total: content.length, report: (p) => reports.push(p) },
        endedAt: (position) => new Error(`ended at ${position}`),
      });
    } finally {
      closeSync(from);
      closeSync(to);
    }
    const expected = Buffer.from(content);
    expected[18] = 9;
    assert.equal(hash.digest('hex'), sha256(expected));
    assert.ok(readFileSync(target).equals(expected));
    assert.deepEqual(reports, [
      { bytes: PROGRESS_EVERY_BYTES, total: content.length },
      { bytes: 2 * PROGRESS_EVERY_BYTES, total: content.length },
    ]);
  });

  it('throws the caller’s error for a file that ends early', async () => {
    const from = openSync(newFile(Buffer.alloc(CHUNK_BYTES + 10)), 'r');
    try {
      await assert.rejects(
        hashAndCopy({
          from,
          bytes: 3 * CHUNK_BYTES,
          hash: createHash('sha256'),
          endedAt: (position) => Object.assign(new Error('short'), { position }),
        }),
        { message: 'short', position: CHUNK_BYTES + 10 },
      );
    } finally {
      closeSync(from);
    }
  });

  it('fails with the error of a write that failed', async () => {
    const from = openSync(newFile(Buffer.alloc(4 * CHUNK_BYTES, 3)), 'r');
    // Every write to /dev/full fails: the device is full.
    const to = openSync('/dev/full', 'w');
    try {
      await assert.rejects(
        hashAndCopy({
          from,
          bytes: 4 * CHUNK_BYTES,
          hash: createHash('sha256'),
          to: { fd: to, file: '/dev/full', bytes: 4 * CHUNK_BYTES, direct: true },
          endedAt: (position) => new Error(`ended at ${position}`),
        }),
        { code: 'ENOSPC', syscall: 'write' },
      );
    } finally {
      closeSync(from);
      closeSync(to);
    }
  });
});
