import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import { whileUnchanged } from '../../src/backup/file-unchanged.js';

describe('backup/file-unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onekit-unchanged-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the work's result when the file did not change", async () => {
    const file = join(dir, 'kept.bck');
    writeFileSync(file, 'rows\n');
    assert.equal(await whileUnchanged(file, async () => 42), 42);
  });

  it('refuses a file written to, or replaced by another, during the work', async () => {
    const file = join(dir, 'changed.bck');
    writeFileSync(file, 'rows\n');
    await assert.rejects(
      whileUnchanged(file, async () => appendFileSync(file, 'more\n')),
      { code: 'DB_BACKUP', where: { file } },
    );
    const other = join(dir, 'other.bck');
    writeFileSync(other, 'rows\n');
    await assert.rejects(
      whileUnchanged(file, async () => renameSync(other, file)),
      { code: 'DB_BACKUP', where: { file } },
    );
  });
});
