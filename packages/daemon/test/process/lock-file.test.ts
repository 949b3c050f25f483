import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import { acquireLock, processIsAlive } from '../../src/process/index.js';

describe('process/lock-file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onekit-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const lockPath = (): string => join(dir, String(++n), 'lock', '.lock');

  it('creates the lock with its pid and its directory, and removes it on release', () => {
    const path = lockPath();
    const lock = acquireLock({ path, pid: 4242, isAlive: () => true });
    assert.equal(readFileSync(path, 'utf8'), '4242\n');
    lock.release();
    lock.release();
    assert.equal(existsSync(path), false);
  });

  it('refuses while a live process holds it, naming the file', () => {
    const path = lockPath();
    acquireLock({ path, pid: 1, isAlive: () => true });
    assert.throws(() => acquireLock({ path, pid: 2, isAlive: () => true }), {
      code: 'DAEMON_START',
      message: `Lock file found: ${path}`,
      where: { file: path },
    });
    assert.equal(readFileSync(path, 'utf8'), '1\n');
  });

  it('takes over a lock whose process is dead, or that holds its own pid', () => {
    for (const [holder, isAlive] of [
      [7, () => false],
      [8, () => true],
    ] as const) {
      const path = lockPath();
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, `${holder}\n`);
      const taken: number[] = [];
      const lock = acquireLock({ path, pid: 8, isAlive, onTakeover: (stale) => taken.push(stale) });
      assert.deepEqual(taken, [holder]);
      assert.equal(readFileSync(path, 'utf8'), '8\n');
      lock.release();
    }
  });

  it('refuses a lock without a readable pid: its daemon may still be writing it', () => {
    const path = lockPath();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '');
    assert.throws(() => acquireLock({ path, pid: 3, isAlive: () => false }), {
      code: 'DAEMON_START',
    });
  });

  it('leaves a lock another process took over in place on release', () => {
    const path = lockPath();
    const lock = acquireLock({ path, pid: 5, isAlive: () => false });
    writeFileSync(path, '6\n');
    lock.release();
    assert.equal(readFileSync(path, 'utf8'), '6\n');
  });

  it('probes liveness with signal 0', () => {
    assert.equal(processIsAlive(process.pid), true);
    assert.equal(processIsAlive(2 ** 22 + 12345), false);
  });
});
