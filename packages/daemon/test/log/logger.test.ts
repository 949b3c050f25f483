import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import {
  DaemonLog,
  MemorySink,
  formatLogLine,
  formatLogTime,
  openFileSink,
} from '../../src/log/index.js';

describe('log/logger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onekit-log-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes oned's line layout, one line per event", () => {
    const time = new Date(2026, 10, 21, 6, 5, 9);
    assert.equal(formatLogTime(time), 'Sat Nov 21 06:05:09 2026');
    assert.equal(
      formatLogLine({ time, zoneId: 100, module: 'ReM', level: 'E', message: 'a\nb\r\nc' }),
      'Sat Nov 21 06:05:09 2026 [Z100][ReM][E]: a b c\n',
    );
  });

  it('drops lines below its level', () => {
    const sink = new MemorySink();
    const log = new DaemonLog({ sink, clock: () => 0, zoneId: 0, level: 'W' });
    log.debug('X', 'd');
    log.info('X', 'i');
    log.warn('X', 'w');
    log.error('X', 'e');
    assert.deepEqual(
      sink.lines.map((l) => l.slice(l.indexOf('['))),
      ['[Z0][X][W]: w\n', '[Z0][X][E]: e\n'],
    );
  });

  it('appends to its file (0640, directory created) and flushes on close', async () => {
    const path = join(dir, 'nested', 'oned.log');
    for (const word of ['first', 'second']) {
      const log = new DaemonLog({ sink: await openFileSink(path), clock: () => 0, zoneId: 0 });
      log.info('ONE', word);
      await log.close();
    }
    assert.match(readFileSync(path, 'utf8'), /\[ONE\]\[I\]: first\n.*\[ONE\]\[I\]: second\n$/);
    assert.equal(statSync(path).mode & 0o777, 0o640);
  });

  it('refuses a log path it cannot open', async () => {
    const directory = join(dir, 'a-directory');
    mkdirSync(directory);
    await assert.rejects(openFileSink(directory), {
      code: 'CONFIG_INVALID',
      where: { file: directory },
    });
  });
});
