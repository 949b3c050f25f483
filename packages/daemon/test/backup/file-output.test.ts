import assert from 'node:assert/strict';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { after, before, describe, it } from 'mocha';
import { alignedBuffers, DIRECT_ALIGNMENT, FileOutput } from '../../src/backup/file-output.js';

/** Whether the filesystem holding `dir` opens files for direct I/O. */
function takesDirectIo(dir: string): boolean {
  const probe = join(dir, 'probe');
  closeSync(openSync(probe, 'w'));
  try {
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_DIRECT));
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe);
  }
}

describe('backup/image output', function () {
  this.timeout(60_000);
  // The temporary folder (a disk here, tmpfs on some hosts) and shared memory (tmpfs).
  const places = [tmpdir(), '/dev/shm'];
  const dirs: string[] = [];
  let counter = 0;

  before(() => {
    for (const place of places) dirs.push(mkdtempSync(join(place, 'onekit-file-output-')));
  });
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('hands out buffers that start on the alignment direct writes need', () => {
    const buffers = alignedBuffers(3, 10_000);
    assert.equal(buffers.length, 3);
    for (const buffer of buffers) {
      assert.equal(buffer.length, 10_000);
      assert.equal(buffer.byteOffset % DIRECT_ALIGNMENT, 0);
    }
    // They do not overlap.
    buffers[0]!.fill(1);
    buffers[1]!.fill(2);
    buffers[2]!.fill(3);
    assert.deepEqual(
      buffers.map((b) => [b[0], b[b.length - 1]]),
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    );
  });

  it('writes aligned chunks around the page cache where the filesystem allows it', async () => {
    for (const dir of dirs) {
      const file = join(dir, `${++counter}.img`);
      const fd = openSync(file, 'w', 0o600);
      const output = new FileOutput(file, fd, { direct: true });
      const [first, second] = alignedBuffers(2, 4 * DIRECT_ALIGNMENT);
      first!.fill(7);
      second!.fill(9);
      try {
        await Promise.all([output.write(first!, 0), output.write(second!, first!.length)]);
        // Had the buffers not been aligned, the device would have refused and the output
        // would have turned to the page cache.
        assert.equal(output.isDirect, takesDirectIo(dir), dir);
      } finally {
        await output.close();
        closeSync(fd);
      }
      assert.ok(readFileSync(file).equals(Buffer.concat([first!, second!])), dir);
    }
  });

  it('writes every chunk where it belongs, aligned or not, in any order', async () => {
    const chunkSizes = fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 3 }).map((n) => n * DIRECT_ALIGNMENT),
        fc.integer({ min: 1, max: 3 * DIRECT_ALIGNMENT }),
      ),
      { minLength: 1, maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(chunkSizes, fc.boolean(), async (sizes, reversed) => {
        for (const dir of dirs) {
          const file = join(dir, `${++counter}.img`);
          const fd = openSync(file, 'w', 0o600);
          const output = new FileOutput(file, fd, { direct: true });
          const buffers = alignedBuffers(sizes.length, Math.max(...sizes));
          const chunks = sizes.map((size, i) => buffers[i]!.subarray(0, size).fill(i + 1));
          const positions = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
          const order = chunks.map((_, i) => i);
          if (reversed) order.reverse();
          try {
            await Promise.all(order.map((i) => output.write(chunks[i]!, positions[i]!)));
          } finally {
            await output.close();
            closeSync(fd);
          }
          assert.ok(readFileSync(file).equals(Buffer.concat(chunks)), dir);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('fails with the error of a write the device refuses', async () => {
    const fd = openSync('/dev/full', 'w');
    const output = new FileOutput('/dev/full', fd, { direct: true });
    const [chunk] = alignedBuffers(1, DIRECT_ALIGNMENT);
    try {
      await assert.rejects(output.write(chunk!, 0), { code: 'ENOSPC', syscall: 'write' });
    } finally {
      await output.close();
      closeSync(fd);
    }
  });
});
